import { Router } from "express";
import type { AppContext } from "../../app.js";
import { parseQuery } from "../../middleware/validate.js";
import { INTRO_BASE } from "../../services/intro-pages.js";
import { introIndex, introMenu, introPageOf } from "../../services/intro-pages-public.js";
import { introRows, sectionLocals } from "./organisation-locals.js";
import { SlugParams } from "./public.schema.js";

/** /gioi-thieu and /gioi-thieu/:slug: the introduction pages with their section menu and print view. */
export function introPagesRouter(ctx: AppContext): Router {
  const router = Router();

  // GET /gioi-thieu: every page of the menu with a line of its text
  router.get(INTRO_BASE, async (req, res) => {
    const rows = await introRows(ctx);
    await ctx.pages.page(req, res, "public/intro/index", {
      pageTitle: "Giới thiệu",
      metaDescription: "Giới thiệu cơ quan: chức năng, nhiệm vụ, lịch sử hình thành, cơ cấu tổ chức, lãnh đạo và danh bạ liên hệ.",
      entries: introIndex(rows),
      menu: introMenu(rows, INTRO_BASE),
      ...(await sectionLocals(ctx, req, res)),
    });
  });

  // GET /gioi-thieu/:slug (?in=1: the print view)
  router.get(`${INTRO_BASE}/:slug`, async (req, res) => {
    const { slug } = parseQuery(SlugParams, req.params, "Địa chỉ không hợp lệ.");
    const rows = await introRows(ctx);
    const { page, trail, description } = introPageOf(rows, slug);
    await ctx.pages.page(req, res, "public/intro/page", {
      pageTitle: page.title,
      metaDescription: description,
      page,
      trail,
      menu: introMenu(rows, req.path),
      ...(await sectionLocals(ctx, req, res)),
    });
  });
  return router;
}
