import { Router } from "express";
import type { AppContext } from "../../app.js";
import type { VisitRecorder } from "../../middleware/visits.js";
import { parseQuery } from "../../middleware/validate.js";
import { incrementViews } from "../../services/articles-public.js";
import { SlugParams } from "./public.schema.js";

export function articlesRouter({ prisma, chrome }: AppContext, recordVisit: VisitRecorder): Router {
  const router = Router();
  // GET /tin-tuc/:slug
  router.get("/tin-tuc/:slug", async (req, res) => {
    const { slug } = parseQuery(SlugParams, req.params, "Địa chỉ bài viết không hợp lệ.");
    const article = await chrome.article(slug);
    await Promise.all([recordVisit(req, res), incrementViews(prisma, article.id)]);
    res.render("public/article", { article, preview: false, pageTitle: article.title });
  });
  return router;
}
