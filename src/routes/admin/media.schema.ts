import { z } from "zod";
import type { PhotoText } from "../../services/media-library.js";
import { optionalText } from "./common.schema.js";

/** GET /admin/media: the library page, or with Accept: application/json the picker's data. */
export const LibraryQuery = z.object({
  q: z.preprocess((v) => (v === undefined ? "" : v), z.string().max(200, "Từ khoá tìm ảnh dài tối đa 200 ký tự.")).transform((s) => s.normalize("NFC").trim()),
  trang: z.preprocess((v) => (v === undefined || v === "" ? 1 : v), z.coerce.number().int().min(1).max(100_000)),
});

const LIMITS = { caption: 500, alt: 300, credit: 150 } as const;

/** Editing one photo's texts. */
export const PhotoTextBody = z.object({
  caption: optionalText("chú thích", LIMITS.caption),
  alt: optionalText("mô tả ảnh", LIMITS.alt),
  credit: optionalText("nguồn ảnh", LIMITS.credit),
});

// An upload of several photos may send each text once (for all of them) or once per file, in order.
const repeatable = (label: string, max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : [v ?? ""]).map((s) => s.normalize("NFC").trim()))
    .pipe(z.array(z.string().max(max, `${label} không được quá ${max} ký tự.`)));

export const UploadBody = z.object({
  caption: repeatable("Chú thích", LIMITS.caption),
  alt: repeatable("Mô tả ảnh", LIMITS.alt),
  credit: repeatable("Nguồn ảnh", LIMITS.credit),
});

/** The texts of each of `count` files: its own when given, else the first (shared) one. */
export function textsFor(body: z.infer<typeof UploadBody>, count: number): PhotoText[] {
  const pick = (list: string[], i: number) => list[i] ?? list[0] ?? "";
  return Array.from({ length: count }, (_, i) => ({ caption: pick(body.caption, i), alt: pick(body.alt, i), credit: pick(body.credit, i) }));
}
