import { Router } from "express";
import type { AppContext } from "../../app.js";
import { sendAttachment } from "../public/attachments.js";

/** GET /admin/tep/:id/:name: any attachment, for signed-in staff (drafts and unpublished answers too). */
export function staffAttachmentsRouter(ctx: AppContext): Router {
  const router = Router();
  // GET /admin/tep/:id/:name
  router.get(["/tep/:id", "/tep/:id/:name"], (req, res, next) => sendAttachment(ctx, "staff", req, res, next));
  return router;
}
