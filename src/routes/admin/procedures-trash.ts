import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { parseQuery } from "../../middleware/validate.js";
import { deleteProcedure, restoreProcedure, trashProcedure } from "../../services/procedures-admin.js";
import { removeProcedureForm } from "../../services/procedures-forms.js";
import { rowAction } from "./form.js";
import { actorOf } from "./procedures-form.js";
import { FileParams } from "./procedures.schema.js";

const TRASH_LIST = "/admin/procedures?status=trash";
const editUrl = (id: number) => `/admin/procedures/${id}/edit`;

/** The trash (out of public view at once, back with one click, gone for good only from here) and form removal. */
export function procedureTrashRouter(ctx: AppContext): Router {
  const { prisma, clock } = ctx;
  const router = Router();
  const options = { actor: actorOf, invalidate: () => ctx.chrome.invalidate(), badId: "Mã thủ tục không hợp lệ." };

  // POST /admin/procedures/:id/trash
  router.post(
    "/procedures/:id/trash",
    rowAction(options, (id, actor) => trashProcedure(prisma, clock, actor, id), "Đã chuyển thủ tục vào thùng rác; thủ tục không còn hiển thị công khai.", () => "/admin/procedures"),
  );

  // POST /admin/procedures/:id/restore
  router.post(
    "/procedures/:id/restore",
    rowAction(options, (id, actor) => restoreProcedure(prisma, actor, id), "Đã khôi phục thủ tục về trạng thái trước khi xoá.", editUrl),
  );

  // POST /admin/procedures/:id/delete: the rows in one transaction, then the forms' files.
  router.post(
    "/procedures/:id/delete",
    requireRole("admin", "editor"),
    rowAction(
      options,
      async (id, actor) => ctx.files.delete(...(await deleteProcedure(prisma, actor, id))),
      "Đã xoá vĩnh viễn thủ tục và các biểu mẫu của thủ tục.",
      () => TRASH_LIST,
    ),
  );

  // POST /admin/procedures/:id/files/:fileId/delete
  const withFile = {
    ...options,
    actor: (req: Request, res: Response) => ({ ...actorOf(req, res), fileId: parseQuery(FileParams, req.params, "Mã biểu mẫu không hợp lệ.").fileId }),
  };
  router.post(
    "/procedures/:id/files/:fileId/delete",
    rowAction(withFile, (id, actor) => removeProcedureForm(prisma, ctx.files, actor, id, actor.fileId), "Đã gỡ biểu mẫu khỏi thủ tục.", editUrl),
  );
  return router;
}
