import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { wantsJson } from "../../middleware/errors.js";
import { setFlash } from "../../middleware/flash.js";
import { parseQuery } from "../../middleware/validate.js";
import { deleteProcedure, restoreProcedure, trashProcedure, type ProcedureActor } from "../../services/procedures-admin.js";
import { removeProcedureForm } from "../../services/procedures-forms.js";
import { IdParams } from "./common.schema.js";
import { actorOf } from "./procedures-form.js";
import { FileParams } from "./procedures.schema.js";

const LIST = "/admin/procedures";
const TRASH_LIST = "/admin/procedures?status=trash";
const editUrl = (id: number) => `/admin/procedures/${id}/edit`;

/** The trash (out of public view at once, back with one click, gone for good only from here) and form removal. */
export function procedureTrashRouter(ctx: AppContext): Router {
  const { prisma, clock } = ctx;
  const router = Router();

  // Every action answers {id, url} to scripts, a flash and a page to people; refusals (403, 404,
  // 409) go to the one error handler.
  const act = (action: (id: number, actor: ProcedureActor) => Promise<unknown>, notice: string, next: (id: number) => string) =>
    async (req: Request, res: Response) => {
      const { id } = parseQuery(IdParams, req.params, "Mã thủ tục không hợp lệ.");
      await action(id, actorOf(req, res));
      await ctx.chrome.invalidate();
      const url = next(id);
      if (wantsJson(req)) return void res.json({ id, url });
      setFlash(req, notice);
      res.redirect(303, url);
    };

  // POST /admin/procedures/:id/trash
  router.post(
    "/procedures/:id/trash",
    act((id, actor) => trashProcedure(prisma, clock, actor, id), "Đã chuyển thủ tục vào thùng rác; thủ tục không còn hiển thị công khai.", () => LIST),
  );

  // POST /admin/procedures/:id/restore
  router.post(
    "/procedures/:id/restore",
    act((id, actor) => restoreProcedure(prisma, actor, id), "Đã khôi phục thủ tục về trạng thái trước khi xoá.", editUrl),
  );

  // POST /admin/procedures/:id/delete
  router.post(
    "/procedures/:id/delete",
    requireRole("admin", "editor"),
    act(
      async (id, actor) => ctx.files.delete(...(await deleteProcedure(prisma, actor, id))),
      "Đã xoá vĩnh viễn thủ tục và các biểu mẫu của thủ tục.",
      () => TRASH_LIST,
    ),
  );

  // POST /admin/procedures/:id/files/:fileId/delete
  router.post("/procedures/:id/files/:fileId/delete", async (req, res) => {
    const { id, fileId } = parseQuery(FileParams, req.params, "Mã biểu mẫu không hợp lệ.");
    await removeProcedureForm(prisma, ctx.files, actorOf(req, res), id, fileId);
    await ctx.chrome.invalidate();
    if (wantsJson(req)) return void res.json({ id, url: editUrl(id) });
    setFlash(req, "Đã gỡ biểu mẫu khỏi thủ tục.");
    res.redirect(303, editUrl(id));
  });
  return router;
}
