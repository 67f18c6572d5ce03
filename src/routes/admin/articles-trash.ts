import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { wantsJson } from "../../middleware/errors.js";
import { setFlash } from "../../middleware/flash.js";
import { parseQuery } from "../../middleware/validate.js";
import { deleteArticle, restoreArticle, trashArticle, type ArticleActor } from "../../services/article-workflow.js";
import { actorOf } from "./articles-form.js";
import { IdParams } from "./common.schema.js";

const TRASH_LIST = "/admin/articles?status=trash";

/** The trash: out of public view at once, back with one click, gone for good only from here. */
export function articleTrashRouter(ctx: AppContext): Router {
  const { prisma, clock } = ctx;
  const router = Router();

  // Every action here answers {id, url} to scripts, a flash and a list page to people; refusals
  // (403, 404, 409) go to the one error handler.
  const act = (action: (id: number, actor: ArticleActor) => Promise<unknown>, notice: string, next: (id: number) => string) =>
    async (req: Request, res: Response) => {
      const { id } = parseQuery(IdParams, req.params, "Mã bài viết không hợp lệ.");
      await action(id, actorOf(req, res));
      await ctx.chrome.invalidate();
      const url = next(id);
      if (wantsJson(req)) return void res.json({ id, url });
      setFlash(req, notice);
      res.redirect(303, url);
    };

  // POST /admin/articles/:id/trash
  router.post(
    "/articles/:id/trash",
    act((id, actor) => trashArticle(prisma, clock, actor, id), "Đã chuyển bài viết vào thùng rác; bài không còn hiển thị công khai.", () => "/admin/articles"),
  );

  // POST /admin/articles/:id/restore
  router.post(
    "/articles/:id/restore",
    act((id, actor) => restoreArticle(prisma, actor, id), "Đã khôi phục bài viết về trạng thái trước khi xoá.", (id) => `/admin/articles/${id}/edit`),
  );

  // POST /admin/articles/:id/delete
  router.post(
    "/articles/:id/delete",
    requireRole("admin", "editor"),
    act((id, actor) => deleteArticle(prisma, actor, id), "Đã xoá vĩnh viễn bài viết.", () => TRASH_LIST),
  );
  return router;
}
