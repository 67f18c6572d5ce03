import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import multer from "multer";
import type { AppContext } from "../../app.js";
import { HttpError } from "../../errors.js";
import { wantsJson } from "../../middleware/errors.js";
import { setFlash } from "../../middleware/flash.js";
import { parseParCsv } from "../../lib/par-csv.js";
import { importParYears } from "../../services/par-index-admin.js";
import { actorOf } from "./form.js";
import { maxParYear } from "./par-index.schema.js";

const IMPORT_PATH = "/admin/par-index/import";
/** A year is a dozen rows of about 80 bytes: 512 KB is far beyond any real file. */
export const PAR_IMPORT_MAX_BYTES = 512 * 1024;

/** One CSV file in memory (small by the limit above), in the field `file`. */
function csvUpload(): RequestHandler {
  const receive = multer({ storage: multer.memoryStorage(), limits: { fileSize: PAR_IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 } }).single("file");
  return (req, res, next) =>
    receive(req, res, (error: unknown) => {
      if (!error) return next();
      const code = error instanceof multer.MulterError ? error.code : null;
      if (code === "LIMIT_FILE_SIZE") return next(new HttpError(413, `Tệp quá lớn: tối đa ${PAR_IMPORT_MAX_BYTES / 1024} KB. Không có dòng nào được nhập.`));
      if (code) return next(new HttpError(422, "Biểu mẫu nhập tệp chỉ gồm một tệp CSV trong ô «Tệp CSV». Không có dòng nào được nhập."));
      next(new HttpError(400, "Không đọc được dữ liệu tải lên; hãy thử lại."));
    });
}

/**
 * POST /admin/par-index/import: every row of the file or none. A refusal lists what is wrong, line by
 * line (the header is line 1), and stores nothing.
 */
export function parImportRouter(ctx: AppContext, renderList: (res: Response, errors: string[]) => Promise<void>): Router {
  const { prisma, chrome, clock, csrf } = ctx;
  const router = Router();

  const refuse = async (req: Request, res: Response, status: number, errors: string[]) => {
    res.status(status);
    if (wantsJson(req)) {
      res.json({ error: errors[0], errors });
      return;
    }
    await renderList(res, errors);
  };

  // POST /admin/par-index/import (multipart: file, _csrf)
  router.post("/par-index/import", ...csrf.multipart(IMPORT_PATH, csvUpload()), async (req, res) => {
    const file = req.file;
    if (!file) return refuse(req, res, 422, ["Hãy chọn một tệp CSV để nhập."]);
    const parsed = parseParCsv(file.buffer, { maxYear: maxParYear(clock) });
    if (!parsed.ok) return refuse(req, res, 422, parsed.errors);
    const done = await importParYears(prisma, actorOf(req, res), parsed.years, parsed.rows);
    await chrome.invalidate();
    const message =
      `Đã nhập ${done.rows} dòng cho năm ${done.years.join(", ")}.` +
      (done.replaced.length ? ` Số liệu cũ của năm ${done.replaced.join(", ")} đã được thay.` : "");
    if (wantsJson(req)) {
      res.json({ years: done.years, replaced: done.replaced, rows: done.rows, url: "/admin/par-index" });
      return;
    }
    setFlash(req, message);
    res.redirect(303, "/admin/par-index");
  });

  // The upload's own refusals (too large, extra fields) shown on the list like any other.
  router.use("/par-index/import", (async (error: unknown, req, res, next) => {
    if (!(error instanceof HttpError) || error.status === 403) return next(error);
    await refuse(req, res, error.status, [error.message]);
  }) as ErrorRequestHandler);
  return router;
}
