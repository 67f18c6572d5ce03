import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { articleUrl } from "../../services/articles-public.js";
import { formatStamp } from "../../lib/vi-time.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import { createArticle, updateArticle, type ArticleInput, type SavedArticle } from "../../services/article-workflow.js";
import { getArticleForEdit, previewArticle } from "../../services/articles-admin.js";
import { afterRefusedUpdate, articleRevisionsRouter } from "./articles-revisions.js";
import { articleAutosaveRouter, autosaveFormState } from "./articles-autosave.js";
import { articleTrashRouter } from "./articles-trash.js";
import { actorOf, currentUser, EMPTY_VALUES, renderArticleForm, valuesFromBody } from "./articles-form.js";
import { renderArticleList } from "./articles-list.js";
import { ArticleBody, ListQuery, orderPhotoIds } from "./articles.schema.js";
import { IdParams } from "./common.schema.js";
import { handleForm } from "./form.js";

const editUrl = (id: number) => `/admin/articles/${id}/edit`;

/** The message after a save says what happened to the article, in the editor's words. */
function savedNotice(saved: SavedArticle, now: Date): string {
  if (saved.status === "pending") return "Đã gửi bài để biên tập viên duyệt.";
  if (saved.status !== "published") return "Đã lưu bản nháp.";
  if (saved.publishedAt && saved.publishedAt > now) return `Đã lên lịch: bài sẽ tự động đăng lúc ${formatStamp(saved.publishedAt)}.`;
  return "Đã xuất bản bài viết.";
}

export function articlesRouter(ctx: AppContext): Router {
  const { prisma, clock } = ctx;
  const router = Router();

  // Saves through the one form contract: {id, url} for scripts, a flash and the edit page for people.
  const save = (req: Request, res: Response, status: 200 | 201, write: (input: ArticleInput) => Promise<SavedArticle>, id?: number) => {
    let saved: SavedArticle | undefined;
    return handleForm(
      req,
      res,
      {
        status,
        flash: () => savedNotice(saved!, clock()),
        refused: async (errors) => {
          const edit = id ? await getArticleForEdit(prisma, clock, currentUser(res), id) : undefined;
          const values = valuesFromBody(req.body ?? {});
          const conflict = id ? await afterRefusedUpdate(prisma, res, id, errors, req.body ?? {}, values) : {};
          const photoNumbers = errors["photoNumbers"] ? String(req.body?.photoNumbers ?? "") : "";
          await renderArticleForm(res, prisma, { article: edit, values, errors, photoNumbers, ...conflict });
        },
      },
      async () => {
        saved = await write(parseForm(ArticleBody, orderPhotoIds(req.body ?? {})));
        // The ticker, navigation and home page are cached: a save may change what they show.
        await ctx.chrome.invalidate();
        // product.md: a JSON answer names the public page once the article is on the site.
        const live = saved.status === "published" && saved.publishedAt !== null && saved.publishedAt <= clock();
        // The new version too: a script's next update sends it (product.md).
        return { id: saved.id, url: editUrl(saved.id), version: saved.version, ...(live ? { publicUrl: articleUrl(saved.slug) } : {}) };
      },
    );
  };

  // GET /admin/articles
  router.get("/articles", async (req, res) => {
    await renderArticleList(ctx, res, parseQuery(ListQuery, req.query, "Bộ lọc không hợp lệ."));
  });

  // GET /admin/articles/new
  router.get("/articles/new", async (_req, res) => {
    await renderArticleForm(res, prisma, { values: EMPTY_VALUES, errors: {} });
  });

  // POST /admin/articles
  router.post("/articles", (req, res) => save(req, res, 201, (input) => createArticle(prisma, clock, actorOf(req, res), input)));

  // GET /admin/articles/:id/edit
  router.get("/articles/:id/edit", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, "Mã bài viết không hợp lệ.");
    const { values, ...article } = await getArticleForEdit(prisma, clock, currentUser(res), id);
    await renderArticleForm(res, prisma, { article, ...(await autosaveFormState(prisma, req, res, id, values)), errors: {} });
  });

  // POST /admin/articles/:id
  router.post("/articles/:id", (req, res) => {
    const { id } = parseQuery(IdParams, req.params, "Mã bài viết không hợp lệ.");
    return save(req, res, 200, (input) => updateArticle(prisma, clock, actorOf(req, res), id, input), id);
  });

  // GET /admin/articles/:id/preview
  router.get("/articles/:id/preview", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, "Mã bài viết không hợp lệ.");
    const { article, statusLabel } = await previewArticle(prisma, clock, currentUser(res), id);
    // Staff only, and never for search engines, even if the address leaks.
    res.set("x-robots-tag", "noindex, nofollow");
    res.render("public/article", {
      layout: "public",
      article: { ...article, status: statusLabel },
      preview: true,
      // Short, since the page heading already shows the article title.
      pageTitle: "Xem trước bài viết",
      headExtra: '<meta name="robots" content="noindex, nofollow">',
    });
  });

  router.use(articleTrashRouter(ctx));
  router.use(articleAutosaveRouter(ctx));
  router.use(articleRevisionsRouter(ctx));
  return router;
}
