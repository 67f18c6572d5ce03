import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Request, RequestHandler } from "express";
import multer from "multer";
import type { Config } from "../config.js";
import { HttpError } from "../errors.js";
import { sizeLabel } from "../services/attachments-view.js";
import type { UploadedAttachment } from "../services/attachments-check.js";

export interface AttachmentUploadOptions {
  /** The form's file field: "files" (documents, procedures) or "file" (questions, answers). */
  field: string;
  /** Files one request may carry in that field. */
  maxCount: number;
  /** Longest text field in bytes (a document's HTML body); 1 MB by default. */
  maxFieldBytes?: number;
}

const refusal = (status: number, message: string, field: string) => new HttpError(status, message, { [field]: message });

// Browsers send file names as UTF-8 bytes, which busboy reads as latin1: "QÄ\u0090.pdf" for "QĐ.pdf".
function utf8Name(name: string): string {
  const decoded = Buffer.from(name, "latin1").toString("utf8");
  return (decoded.includes("\uFFFD") ? name : decoded).normalize("NFC");
}

/**
 * Multipart forms with attachments: files streamed to temporary files under data/incoming (never
 * held in memory), at most config.attachmentMaxBytes each (413) and options.maxCount (422); every
 * temporary file, a half-written one included, is removed when the response ends, whatever
 * happened. The bytes are checked afterwards by checkAttachments (services/attachments.ts).
 * Mount through ctx.csrf.multipart(fullPath, attachmentUpload(...)) so the token inside the
 * body is checked once it is parsed.
 */
export function attachmentUpload(config: Pick<Config, "attachmentMaxBytes" | "dataDir">, options: AttachmentUploadOptions): RequestHandler {
  const dir = path.join(config.dataDir, "incoming");
  fs.mkdirSync(dir, { recursive: true });
  const started = new WeakMap<Request, { paths: string[]; current: string }>();
  const storage = multer.diskStorage({
    destination: dir,
    filename: (req, file, done) => {
      const name = `attachment-${crypto.randomBytes(12).toString("hex")}`;
      const seen = started.get(req);
      if (seen) {
        seen.paths.push(path.join(dir, name));
        seen.current = utf8Name(file.originalname);
      }
      done(null, name);
    },
  });
  const maxFields = 200;
  const receive = multer({
    storage,
    limits: {
      fileSize: config.attachmentMaxBytes,
      files: options.maxCount,
      fields: maxFields,
      fieldSize: options.maxFieldBytes ?? 1024 * 1024,
      parts: options.maxCount + maxFields,
    },
  }).array(options.field, options.maxCount);
  const limit = sizeLabel(config.attachmentMaxBytes);

  return (req, res, next) => {
    const seen = { paths: [] as string[], current: "" };
    started.set(req, seen);
    res.once("close", () => {
      for (const file of seen.paths) fs.rm(file, { force: true }, () => {});
    });
    receive(req, res, (error: unknown) => {
      if (!error) {
        for (const file of uploadedFiles(req)) file.originalname = utf8Name(file.originalname);
        return next();
      }
      const code = error instanceof multer.MulterError ? error.code : null;
      const none = options.maxCount > 1 ? " Không tệp nào được lưu." : "";
      if (code === "LIMIT_FILE_SIZE") {
        return next(refusal(413, `Tệp «${seen.current}» lớn quá ${limit}, giới hạn của mỗi tệp đính kèm.${none}`, options.field));
      }
      if (code === "LIMIT_FILE_COUNT" || code === "LIMIT_UNEXPECTED_FILE") {
        const message =
          options.maxCount > 1 ? `Mỗi lần tải tối đa ${options.maxCount} tệp đính kèm.${none}` : "Chỉ được gửi kèm một tệp.";
        return next(refusal(422, message, options.field));
      }
      if (code) return next(refusal(422, "Biểu mẫu có quá nhiều trường hoặc trường quá dài.", options.field));
      next(refusal(400, "Không đọc được dữ liệu tải lên; hãy thử lại.", options.field));
    });
  };
}

/** The single-file form of questions and answers: field "file", one file. */
export const singleAttachmentUpload = (config: Pick<Config, "attachmentMaxBytes" | "dataDir">, field = "file") =>
  attachmentUpload(config, { field, maxCount: 1 });

const uploadedFiles = (req: Request): Express.Multer.File[] => (Array.isArray(req.files) ? req.files : []);

/** The request's uploaded files as checkAttachments takes them (empty when none was chosen). */
export function uploadedAttachments(req: Request): UploadedAttachment[] {
  // A file input left empty still sends a part with no name and no bytes: it is not a file.
  return uploadedFiles(req)
    .filter((f) => !(f.originalname === "" && f.size === 0))
    .map((f) => ({ path: f.path, originalName: f.originalname }));
}
