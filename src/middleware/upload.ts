import multer from "multer";
import type { RequestHandler } from "express";
import { HttpError } from "../errors.js";
import { megabytes } from "../services/media.js";

/** How many photos one upload may carry. */
export const MAX_FILES_PER_UPLOAD = 10;

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

/**
 * Multipart photo uploads in the field `file` (one or several), kept in memory so nothing reaches
 * the disk before the bytes are checked; limits from the configuration. Routes run ctx.csrf.verify
 * right after it, since the token travels inside the multipart body.
 */
export function photoUpload(maxBytes: number): RequestHandler {
  const receive = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: MAX_FILES_PER_UPLOAD, fields: 20, fieldSize: 16 * 1024, parts: MAX_FILES_PER_UPLOAD + 20 },
  }).array("file", MAX_FILES_PER_UPLOAD);
  return (req, res, next) => {
    receive(req, res, (error: unknown) => {
      if (error) return next(translate(error, maxBytes));
      for (const file of (req.files as Express.Multer.File[] | undefined) ?? []) file.originalname = utf8Name(file.originalname);
      next();
    });
  };
}
