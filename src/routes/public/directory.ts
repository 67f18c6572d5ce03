import { Router } from "express";
import type { AppContext } from "../../app.js";
import { notFound } from "../../errors.js";
import { parseQuery } from "../../middleware/validate.js";
import { searchDirectory } from "../../services/directory.js";
import { introMenu } from "../../services/intro-pages-public.js";
import { DirectoryQuery } from "./directory.schema.js";
import { introRows, sectionLocals } from "./organisation-locals.js";

/** /danh-ba?q=: people and units with their contacts; a plain GET form, no JavaScript needed. */
export function directoryRouter(ctx: AppContext): Router {
  const router = Router();

  // GET /danh-ba?q=…&trang=N
  router.get("/danh-ba", async (req, res) => {
    const { q, trang } = parseQuery(DirectoryQuery, req.query, "Từ khoá tìm kiếm không hợp lệ.");
    // The page itself is kept (ctx.pages); a search is a few indexed reads, so its data is not.
    const result = await searchDirectory(ctx.prisma, q, trang);
    if (trang > result.page.pageCount) throw notFound("Không có trang này trong danh bạ.");
    const rows = await introRows(ctx);
    await ctx.pages.page(req, res, "public/directory/index", {
      pageTitle: result.q ? `Danh bạ: ${result.q}` : "Danh bạ liên hệ",
      metaDescription: "Danh bạ điện thoại, thư điện tử của lãnh đạo, cán bộ và các đơn vị; tìm theo tên, đơn vị hoặc chức vụ.",
      // A search result is not a page of its own for search engines.
      ...(result.q ? { metaRobots: "noindex, follow" } : {}),
      ...result,
      basePath: result.q ? `/danh-ba?q=${encodeURIComponent(result.q)}` : "/danh-ba",
      menu: introMenu(rows, "/danh-ba"),
      ...(await sectionLocals(ctx, req, res)),
    });
  });
  return router;
}
