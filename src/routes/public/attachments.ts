import path from "node:path";
import contentDisposition from "content-disposition";
import { Router, type NextFunction, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { notFound } from "../../errors.js";
import { parseQuery } from "../../middleware/validate.js";
import { findAttachmentDownload, type DownloadAudience } from "../../services/attachments-download.js";
import { AttachmentParams } from "./attachments.schema.js";

// The name for old clients that only read filename="…": Vietnamese letters without their marks
// ("Quyết định.pdf" → "Quyet dinh.pdf"), anything else outside printable ASCII as "_".
export function asciiFileName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]|["\\%]/g, "_");
}

/** Sends attachment `req.params.id` as a download, or the 404 page; staff see unpublished owners' files too. */
export async function sendAttachment(ctx: AppContext, audience: DownloadAudience, req: Request, res: Response, next: NextFunction) {
  const { id } = parseQuery(AttachmentParams, req.params, "Mã tệp không hợp lệ.");
  const found = await findAttachmentDownload(ctx.prisma, ctx.files, id, audience);
  if (found === "hidden" && req.cookies?.["cchc.sid"]) {
    // Someone with a staff session cookie: the staff address checks it and sends the file.
    return res.redirect(303, `/admin${req.path}`);
  }
  if (found === null || found === "hidden") throw notFound("Không tìm thấy tệp đính kèm này, hoặc tệp chưa được công bố.");
  res.set({
    "Content-Type": found.contentType,
    "Content-Disposition": contentDisposition(found.name, { type: "attachment", fallback: asciiFileName(found.name) }),
    "X-Content-Type-Options": "nosniff",
    // Should a browser render it anyway, it runs nothing and loads nothing.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    // The owner may be unpublished later: a short public lifetime, never kept for staff.
    "Cache-Control": audience === "public" ? "public, max-age=300" : "private, no-store",
  });
  const options = { root: path.dirname(found.file.path), cacheControl: false, dotfiles: "allow" as const };
  res.sendFile(path.basename(found.file.path), options, (error?: Error & { status?: number }) => {
    if (!error || res.headersSent) return;
    next(error.status === 404 ? notFound() : error);
  });
}

/** GET /tep/:id/:name: an attachment of a published owner, as a download. */
export function attachmentsRouter(ctx: AppContext): Router {
  const router = Router();
  // GET /tep/:id/:name
  router.get(["/tep/:id", "/tep/:id/:name"], (req, res, next) => sendAttachment(ctx, "public", req, res, next));
  return router;
}
