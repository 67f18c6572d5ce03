import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { notFound } from "../../errors.js";
import { parseQuery } from "../../middleware/validate.js";
import { searchDirectory } from "../../services/directory.js";
import { ENGLISH_CONTACT, ENGLISH_HOME, ENGLISH_ORGANISATION } from "../../services/english.js";
import { englishUrl, ORGANISATION_SLUG } from "../../services/intro-pages.js";
import { ancestry } from "../../services/organisation-tree.js";
import { englishMenu, englishRows, type MenuItem } from "../../services/intro-pages-public.js";
import { clipText } from "../../services/organisation.js";
import { htmlToText } from "../../lib/html-text.js";
import type { SiteSettings } from "../../services/settings.js";
import { introRows, organisation, sectionLocals } from "./organisation-locals.js";
import { SlugParams } from "./public.schema.js";

const NO_ENGLISH = "This page is not available in English. Trang này chưa có bản tiếng Anh.";

/**
 * /en, /en/organisation, /en/contact and /en/:slug: the pages staff wrote in English, with
 * lang="en". Without an English site name there is no English side (404), and a page without an
 * English text has no English page.
 */
export function englishRouter(ctx: AppContext): Router {
  const router = Router();

  /** What every English page shows: the menu of English pages, the language switch, lang="en". */
  const englishPage = async (req: Request, res: Response, view: string, data: Record<string, unknown>) => {
    const site = res.locals["site"] as SiteSettings;
    if (!site.siteNameEn.trim()) throw notFound(NO_ENGLISH);
    const [rows, org] = await Promise.all([introRows(ctx), organisation(ctx)]);
    const item = (title: string, url: string): MenuItem => ({ title, url, current: url === req.path, children: [] });
    const menu = [
      item("About us", ENGLISH_HOME),
      ...englishMenu(rows, req.path),
      ...(org.hasEnglish ? [item(rows.find((r) => r.slug === ORGANISATION_SLUG)?.titleEn || "Organisation", ENGLISH_ORGANISATION)] : []),
      item("Contact", ENGLISH_CONTACT),
    ];
    // The shared head states the page's language to catalogues too (Dublin Core).
    const extraMeta = { dc: [["DC.language", "en"]] };
    await ctx.pages.page(req, res, view, { lang: "en", extraMeta, menu, siteNameEn: site.siteNameEn, rows, org, ...data, ...(await sectionLocals(ctx, req, res)) });
  };

  // GET /en: the site's English name, what the office does, its organisation and contacts
  router.get(ENGLISH_HOME, async (req, res) => {
    const pages = englishRows(await introRows(ctx))
      .filter((r) => r.slug !== ORGANISATION_SLUG)
      .map((r) => ({ title: r.titleEn, url: englishUrl(r.slugEn!), summary: clipText(htmlToText(r.bodyEn), 200) }));
    await englishPage(req, res, "public/english/home", { pageTitle: "About us", pages });
  });

  // GET /en/organisation: the chart with the units' English names and the leaders' English positions
  router.get(ENGLISH_ORGANISATION, async (req, res) => {
    const [rows, org] = await Promise.all([introRows(ctx), organisation(ctx)]);
    if (!org.hasEnglish) throw notFound(NO_ENGLISH);
    const page = englishRows(rows).find((r) => r.slug === ORGANISATION_SLUG) ?? null;
    await englishPage(req, res, "public/english/organisation", { pageTitle: page?.titleEn || "Organisation", page });
  });

  // GET /en/contact: the office's address, phones and e-mails, then the units and people
  router.get(ENGLISH_CONTACT, async (req, res) => {
    const directory = await searchDirectory(ctx.prisma, "", 1);
    await englishPage(req, res, "public/english/contact", { pageTitle: "Contact", directory });
  });

  // GET /en/:slug (?in=1: the print view): an introduction page in English
  router.get(`${ENGLISH_HOME}/:slug`, async (req, res) => {
    const { slug } = parseQuery(SlugParams, req.params, NO_ENGLISH);
    const rows = englishRows(await introRows(ctx));
    const page = rows.find((r) => r.slugEn === slug && r.slug !== ORGANISATION_SLUG);
    if (!page) throw notFound(NO_ENGLISH);
    const trail = ancestry(rows, page.id)
      .slice(0, -1)
      .map((p) => ({ title: p.titleEn, url: englishUrl(p.slugEn!) }));
    await englishPage(req, res, "public/english/page", { pageTitle: page.titleEn, page, trail });
  });
  return router;
}
