import { Router, type Response } from "express";
import type { AppContext } from "../../app.js";
import type { PrismaClient } from "../../db.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import { compareRevisions, conflictView, listRevisions, type ConflictView } from "../../services/article-revision-views.js";
import { restoreRevision, type RestoredArticle } from "../../services/article-revisions.js";
import type { ArticleFormValues } from "../../services/articles-admin.js";
import { CompareQuery, RestoreBody, RevisionParams } from "./articles-revisions.schema.js";
import { actorOf, currentUser } from "./articles-form.js";
import { IdParams } from "./common.schema.js";
import { handleForm, type FieldErrors } from "./form.js";

const revisionsUrl = (id: number) => `/admin/articles/${id}/revisions`;

/**
 * The edit form shown again after a refused update. A 409 (the article was saved since the form
 * was opened) adds who saved it, when, and the diff from that version to what was typed, and the
 * form then carries the newer version: saving again, after reading the diff, is a deliberate choice.
 * Any other refusal keeps the version the person opened, so a 422 never hides someone else's save.
 */
export async function afterRefusedUpdate(
  prisma: PrismaClient,
  res: Response,
  id: number,
  errors: FieldErrors,
  body: Record<string, unknown>,
  typed: ArticleFormValues,
): Promise<{ version: string; conflict?: ConflictView }> {
  const opened = typeof body["version"] === "string" || typeof body["version"] === "number" ? String(body["version"]) : "";
  if (res.statusCode !== 409 || !errors["version"]) return { version: opened };
  const conflict = await conflictView(prisma, id, typed);
  return conflict ? { version: String(conflict.version), conflict } : { version: opened };
}

/** An article's revisions: the list, a word-level diff of any two, and restoring one as a new revision. */
export function articleRevisionsRouter(ctx: AppContext): Router {
  const { prisma, clock } = ctx;
  const router = Router();

  const renderList = async (res: Response, id: number, errors: FieldErrors = {}) => {
    const { article, revisions } = await listRevisions(prisma, clock, currentUser(res), id);
    res.render("admin/articles/revisions", { pageTitle: "Lịch sử sửa đổi", article, revisions, errors });
  };

  // GET /admin/articles/:id/revisions
  router.get("/articles/:id/revisions", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, "Mã bài viết không hợp lệ.");
    await renderList(res, id);
  });

  // GET /admin/articles/:id/revisions/compare?from=A&to=B
  router.get("/articles/:id/revisions/compare", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, "Mã bài viết không hợp lệ.");
    const { from, to } = parseQuery(CompareQuery, req.query, "Hãy chọn hai phiên bản của bài để so sánh.");
    const view = await compareRevisions(prisma, clock, currentUser(res), id, from, to);
    res.render("admin/articles/revisions-compare", { pageTitle: "So sánh hai phiên bản", ...view });
  });

  // POST /admin/articles/:id/revisions/:revId/restore
  router.post("/articles/:id/revisions/:revId/restore", async (req, res) => {
    const { id, revId } = parseQuery(RevisionParams, req.params, "Mã phiên bản không hợp lệ.");
    let restored: RestoredArticle | undefined;
    await handleForm(
      req,
      res,
      {
        flash: () => `Đã khôi phục nội dung của phiên bản ${restored!.restoredVersion}; bài viết nay ở phiên bản ${restored!.version}.`,
        field: "version",
        refused: (errors) => renderList(res, id, errors),
      },
      async () => {
        const { version } = parseForm(RestoreBody, req.body ?? {});
        restored = await restoreRevision(prisma, clock, actorOf(req, res), id, revId, version);
        // The restored text may be on the public site: every cache forgets it.
        await ctx.chrome.invalidate();
        return { id, url: revisionsUrl(id), version: restored.version };
      },
    );
  });

  return router;
}
