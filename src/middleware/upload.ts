import fs from "node:fs";
import multer from "multer";
import type { RequestHandler } from "express";
import { HttpError } from "../errors.js";
import { megabytes } from "../services/media.js";

/** How many photos one upload may carry. */
export const MAX_FILES_PER_UPLOAD = 10;
/** Uploads one person may have in progress at once (per instance): more wait their turn. */
export const MAX_UPLOADS_PER_USER = 2;
// caption, alt and credit for each file, plus _csrf and a few form fields.
const MAX_FIELDS = MAX_FILES_PER_UPLOAD * 3 + 10;

const refusal = (status: number, message: string) => new HttpError(status, message, { file: message });

function translate(error: unknown, maxBytes: number): HttpError {
  const code = error instanceof multer.MulterError ? error.code : null;
  if (code === "LIMIT_FILE_SIZE") {
    return refusal(413, `Có tệp quá lớn: mỗi ảnh tối đa ${megabytes(maxBytes)}. Không ảnh nào được lưu.`);
  }
  if (code === "LIMIT_FILE_COUNT" || code === "LIMIT_UNEXPECTED_FILE") {
    return refusal(422, `Mỗi lần tải tối đa ${MAX_FILES_PER_UPLOAD} ảnh, chọn trong ô «Tệp ảnh». Không ảnh nào được lưu.`);
  }
  if (code) return refusal(422, "Biểu mẫu tải ảnh có quá nhiều trường hoặc trường quá dài.");
  return refusal(400, "Không đọc được dữ liệu tải lên; hãy thử lại.");
}

// Browsers send file names as UTF-8 bytes, which busboy reads as latin1: "áº¢nh.jpg" for "Ảnh.jpg".
function utf8Name(name: string): string {
  const decoded = Buffer.from(name, "latin1").toString("utf8");
  return decoded.includes("\uFFFD") ? name : decoded.normalize("NFC");
}

const uploadedFiles = (files: unknown) => (Array.isArray(files) ? (files as Express.Multer.File[]) : []);

/**
 * Multipart photo uploads in the field `file` (one or several), streamed to temporary files
 * (never held in memory) that are removed when the response ends, whatever happened; limits from
 * the configuration; at most MAX_UPLOADS_PER_USER at once per person, counted before the body is
 * read. Mount it through ctx.csrf.multipart, which checks the token once the body is parsed.
 */
export function photoUpload(maxBytes: number, dir: string): RequestHandler {
  fs.mkdirSync(dir, { recursive: true });
  const receive = multer({
    dest: dir,
    limits: { fileSize: maxBytes, files: MAX_FILES_PER_UPLOAD, fields: MAX_FIELDS, fieldSize: 16 * 1024, parts: MAX_FILES_PER_UPLOAD + MAX_FIELDS },
  }).array("file", MAX_FILES_PER_UPLOAD);
  const inProgress = new Map<number, number>();

  return (req, res, next) => {
    const userId = (res.locals.user as { id: number } | undefined)?.id ?? 0;
    const running = inProgress.get(userId) ?? 0;
    if (running >= MAX_UPLOADS_PER_USER) {
      res.set("Retry-After", "10");
      return next(refusal(429, `Bạn đang có ${running} lượt tải ảnh chưa xong. Vui lòng chờ các lượt đó xong rồi tải tiếp.`));
    }
    inProgress.set(userId, running + 1);
    res.once("close", () => {
      const left = (inProgress.get(userId) ?? 1) - 1;
      if (left > 0) inProgress.set(userId, left);
      else inProgress.delete(userId);
      for (const file of uploadedFiles(req.files)) fs.rm(file.path, { force: true }, () => {});
    });
    receive(req, res, (error: unknown) => {
      if (error) return next(translate(error, maxBytes));
      for (const file of uploadedFiles(req.files)) file.originalname = utf8Name(file.originalname);
      next();
    });
  };
}
