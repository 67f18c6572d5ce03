import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { parseQuery } from "../../middleware/validate.js";
import { siteBase } from "../../lib/site-url.js";
import { rssFeed } from "../../services/feeds.js";
import { SITEMAP_PAGES, sitemapArticlesXml, sitemapIndexXml, sitemapPagesXml, sitemapSectionXml } from "../../services/sitemap.js";
import { SITEMAP_SECTIONS, sitemapOfSection } from "../../services/sitemap-sections.js";
import { SitemapParams, SlugParams } from "./public.schema.js";

// Feeds and crawler files are never counted as visits.
// Readers and crawlers poll these: kept in memory until a change, five minutes in their caches, and
// an ETag lets them ask "changed?" cheaply.
const CACHE = "public, max-age=300";

export function feedsRouter({ prisma, clock, config, chrome, files, pages }: AppContext): Router {
  const router = Router();
  const sendXml = (req: Request, res: Response, type: string, xml: string) =>
    pages.document(req, res, xml, `${type}; charset=utf-8`, CACHE);
  const feedSite = async () => {
    const { settings } = await chrome.get();
    return { siteName: settings.siteName, copyright: settings.copyright };
  };

  // GET /robots.txt
  router.get("/robots.txt", (req, res) => {
    const base = siteBase(config, req);
    res
      .set("cache-control", "public, max-age=3600")
      .type("text/plain")
      .send(`User-agent: *\nDisallow: /admin\nDisallow: /hien-thi\n\nSitemap: ${base}/sitemap.xml\n`);
  });

  // GET /rss.xml
  router.get("/rss.xml", async (req, res) => {
    const options = { base: siteBase(config, req), files };
    await sendXml(req, res, "application/rss+xml", await rssFeed(prisma, clock, await feedSite(), options));
  });

  // GET /chuyen-muc/:slug/rss.xml
  router.get("/chuyen-muc/:slug/rss.xml", async (req, res) => {
    const { slug } = parseQuery(SlugParams, req.params, "Địa chỉ chuyên mục không hợp lệ.");
    const options = { base: siteBase(config, req), files, categorySlug: slug };
    await sendXml(req, res, "application/rss+xml", await rssFeed(prisma, clock, await feedSite(), options));
  });

  // GET /sitemap.xml: the index of the files below.
  const publicIds = () => chrome.listing("all", {});
  router.get("/sitemap.xml", async (req, res) => {
    await sendXml(req, res, "application/xml", await sitemapIndexXml(siteBase(config, req), (await publicIds()).length));
  });

  // GET /sitemap-trang.xml
  router.get(SITEMAP_PAGES, async (req, res) => {
    const { settings } = await chrome.get();
    await sendXml(req, res, "application/xml", await sitemapPagesXml(prisma, clock, siteBase(config, req), settings));
  });

  // GET /sitemap-van-ban.xml, /sitemap-thu-tuc-hanh-chinh.xml, … (services/sitemap-sections.ts)
  for (const section of SITEMAP_SECTIONS) {
    router.get(sitemapOfSection(section.slug), async (req, res) => {
      await sendXml(req, res, "application/xml", await sitemapSectionXml(prisma, clock, siteBase(config, req), section));
    });
  }

  // GET /sitemap-bai-viet-:n.xml
  router.get("/sitemap-bai-viet-:n.xml", async (req, res) => {
    const { n } = parseQuery(SitemapParams, req.params, "Không có tệp sơ đồ trang này.");
    const { settings } = await chrome.get();
    const xml = await sitemapArticlesXml(prisma, siteBase(config, req), settings, await publicIds(), n);
    await sendXml(req, res, "application/xml", xml);
  });
  return router;
}
