import { Router } from "express";
import type { AppContext } from "../../app.js";
import { introUrl, ORGANISATION_SLUG } from "../../services/intro-pages.js";
import { introMenu } from "../../services/intro-pages-public.js";
import { directoryRouter } from "./directory.js";
import { englishRouter } from "./english.js";
import { introPagesRouter } from "./intro-pages.js";
import { introRows, organisation, sectionLocals } from "./organisation-locals.js";

const ORGANISATION_PATH = introUrl(ORGANISATION_SLUG);

/**
 * "Who we are": the organisation chart (before /gioi-thieu/:slug, whose address it shares), the
 * introduction pages, the contact directory and the English pages.
 */
export function organisationPagesRouter(ctx: AppContext): Router {
  const router = Router();

  // GET /gioi-thieu/co-cau-to-chuc: the introduction page of that slug (if any), the chart, the leaders
  router.get(ORGANISATION_PATH, async (req, res) => {
    const [rows, org] = await Promise.all([introRows(ctx), organisation(ctx)]);
    const page = rows.find((r) => r.slug === ORGANISATION_SLUG) ?? null;
    await ctx.pages.page(req, res, "public/organisation/index", {
      pageTitle: page?.title ?? "Cơ cấu tổ chức",
      metaDescription: "Sơ đồ cơ cấu tổ chức, chức năng, nhiệm vụ và liên hệ của các đơn vị; lãnh đạo và tiểu sử tóm tắt.",
      page,
      ...org,
      menu: introMenu(rows, ORGANISATION_PATH),
      ...(await sectionLocals(ctx, req, res)),
    });
  });

  router.use(introPagesRouter(ctx));
  router.use(directoryRouter(ctx));
  router.use(englishRouter(ctx));
  return router;
}
