import { Router } from "express";
import type { AppContext } from "../../app.js";
import { parseQuery } from "../../middleware/validate.js";
import { SlugParams } from "./public.schema.js";

export function articlesRouter({ chrome, pages }: AppContext): Router {
  const router = Router();
  // GET /tin-tuc/:slug
  router.get("/tin-tuc/:slug", async (req, res) => {
    const { slug } = parseQuery(SlugParams, req.params, "Địa chỉ bài viết không hợp lệ.");
    const article = await chrome.article(slug);
    await pages.page(req, res, "public/article", { article, preview: false, pageTitle: article.title }, { articleId: article.id });
  });
  return router;
}
