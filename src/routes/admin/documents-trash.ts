import { Router } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { deleteDocument, restoreDocument, trashDocument } from "../../services/documents-removal.js";
import { documentEditUrl } from "../../services/documents.js";
import { documentActor } from "./documents-form.js";
import { rowAction } from "./form.js";

const TRASH_LIST = "/admin/documents?status=trash";

/** The trash: out of public view at once, back with one click, gone for good only from here. */
export function documentTrashRouter(ctx: AppContext): Router {
  const { prisma, clock } = ctx;
  const router = Router();
  const options = { actor: documentActor, invalidate: () => ctx.chrome.invalidate(), badId: "Mã văn bản không hợp lệ." };

  // POST /admin/documents/:id/trash
  router.post(
    "/documents/:id/trash",
    rowAction(options, (id, actor) => trashDocument(prisma, clock, actor, id), "Đã chuyển văn bản vào thùng rác; văn bản không còn hiển thị công khai.", () => "/admin/documents"),
  );

  // POST /admin/documents/:id/restore
  router.post("/documents/:id/restore", rowAction(options, (id, actor) => restoreDocument(prisma, actor, id), "Đã khôi phục văn bản.", documentEditUrl));

  // POST /admin/documents/:id/delete
  router.post(
    "/documents/:id/delete",
    requireRole("admin", "editor"),
    rowAction(options, (id, actor) => deleteDocument(prisma, ctx.files, actor, id), "Đã xoá vĩnh viễn văn bản và các tệp đính kèm.", () => TRASH_LIST),
  );
  return router;
}
