import { Router } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { deleteArticle, restoreArticle, trashArticle } from "../../services/article-workflow.js";
import { actorOf } from "./articles-form.js";
import { rowAction } from "./form.js";

const TRASH_LIST = "/admin/articles?status=trash";

/** The trash: out of public view at once, back with one click, gone for good only from here. */
export function articleTrashRouter(ctx: AppContext): Router {
  const { prisma, clock } = ctx;
  const router = Router();
  const options = { actor: actorOf, invalidate: () => ctx.chrome.invalidate(), badId: "Mã bài viết không hợp lệ." };

  // POST /admin/articles/:id/trash
  router.post(
    "/articles/:id/trash",
    rowAction(options, (id, actor) => trashArticle(prisma, clock, actor, id), "Đã chuyển bài viết vào thùng rác; bài không còn hiển thị công khai.", () => "/admin/articles"),
  );

  // POST /admin/articles/:id/restore
  router.post(
    "/articles/:id/restore",
    rowAction(options, (id, actor) => restoreArticle(prisma, actor, id), "Đã khôi phục bài viết về trạng thái trước khi xoá.", (id) => `/admin/articles/${id}/edit`),
  );

  // POST /admin/articles/:id/delete
  router.post(
    "/articles/:id/delete",
    requireRole("admin", "editor"),
    rowAction(options, (id, actor) => deleteArticle(prisma, actor, id), "Đã xoá vĩnh viễn bài viết.", () => TRASH_LIST),
  );
  return router;
}
