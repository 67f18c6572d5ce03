import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { fileTypeFromBuffer, fileTypeFromFile } from "file-type";
import type { PrismaClient } from "../db.js";
import { HttpError } from "../errors.js";
import { toNfc } from "../lib/fold.js";
import { contentTypeOf, fileUrl, type FileStore } from "./file-store.js";

const ACCEPTED_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);
/** Responsive widths made for every photo; none wider than the original. */
export const PHOTO_WIDTHS: readonly number[] = [480, 960, 1600];
const MAX_WIDTH = 1600;

export interface MediaOptions {
  /** Where the encoded files go (FILE_STORE). */
  store: FileStore;
  maxBytes: number;
  maxPixels: number;
}

export interface PhotoMeta {
  caption: string;
  alt: string;
  credit: string;
  originalName?: string;
  isPlaceholder?: boolean;
  uploadedById?: number | null;
}

export interface ProcessedImage {
  fileKey: string;
  width: number;
  height: number;
  widths: number[];
  /** Its files in the store. */
  keys: string[];
}

/** The store keys of one photo's files: a WebP and a JPEG per width. */
export function photoKeys(fileKey: string, widths: readonly number[]): string[] {
  return widths.flatMap((w) => [`${fileKey}-${w}.webp`, `${fileKey}-${w}.jpg`]);
}

const refuse = (message: string) => new HttpError(422, message, { file: message });

// SVG is text, so file-type does not name it; it is refused like any non-photo, with its own reason
// because it is the one people most often try (and it can carry scripts).
function looksLikeSvg(buffer: Buffer): boolean {
  return /<svg[\s>]/i.test(buffer.subarray(0, 2048).toString("utf8"));
}

/** "10 MB", "0,2 MB": one decimal at most, with the Vietnamese decimal comma. */
export const megabytes = (bytes: number) => `${String(Math.round((bytes / 1024 / 1024) * 10) / 10).replace(".", ",")} MB`;

/** A photo's bytes: a temporary file of an upload, or a buffer (the seed's generated images). */
export type ImageInput = string | Buffer;

export interface InspectedImage {
  input: ImageInput;
  /** Upright size: EXIF orientation 5-8 swaps the sides. */
  width: number;
  height: number;
}

const sizeOf = async (input: ImageInput) => (typeof input === "string" ? (await fs.stat(input)).size : input.length);
const typeOf = (input: ImageInput) => (typeof input === "string" ? fileTypeFromFile(input) : fileTypeFromBuffer(input));
async function headOf(input: ImageInput): Promise<Buffer> {
  if (typeof input !== "string") return input.subarray(0, 2048);
  const handle = await fs.open(input);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2048), 0, 2048, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Checks a photo without decoding its pixels: size, type by content, and the header's dimensions.
 * Cheap, so every file of an upload is inspected before any is decoded.
 */
export async function inspectImage(input: ImageInput, options: MediaOptions): Promise<InspectedImage> {
  const size = await sizeOf(input);
  if (size === 0) throw refuse("Tệp trống (0 byte), không có ảnh nào để tải lên.");
  if (size > options.maxBytes) throw refuse(`Tệp quá lớn: mỗi ảnh tối đa ${megabytes(options.maxBytes)}.`);
  const type = await typeOf(input);
  if (!type || !ACCEPTED_TYPES.has(type.mime)) {
    throw refuse(
      looksLikeSvg(await headOf(input))
        ? "Không nhận ảnh SVG (có thể chứa mã chạy được); hãy lưu ảnh thành PNG hoặc JPEG rồi tải lên."
        : "Tệp không phải ảnh JPEG, PNG, WebP hoặc GIF. Hệ thống kiểm tra nội dung tệp, không dựa vào tên hay đuôi tệp.",
    );
  }
  let meta: sharp.Metadata;
  try {
    // Reads the header only, so the pixel count below can be checked without decoding.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw refuse("Ảnh bị hỏng hoặc không đọc được; hãy thử một ảnh khác.");
  }
  if (!meta.width || !meta.height) throw refuse("Ảnh bị hỏng hoặc không đọc được; hãy thử một ảnh khác.");
  // A few bytes can claim a huge picture (a "pixel flood"): refuse before decoding anything.
  if (meta.width * meta.height > options.maxPixels) {
    throw refuse(
      `Ảnh quá nhiều điểm ảnh (${meta.width} × ${meta.height}); tối đa ${Math.round(options.maxPixels / 1e6)} triệu điểm ảnh. Hãy thu nhỏ ảnh rồi tải lên.`,
    );
  }
  const swap = (meta.orientation ?? 1) >= 5;
  return { input, width: swap ? meta.height : meta.width, height: swap ? meta.width : meta.height };
}

/**
 * Re-encodes an inspected photo into WebP and JPEG at a few widths, without any metadata, in a
 * temporary folder, then puts each file in the store (which writes it whole or not at all). A
 * failure removes what was stored, so nothing half-made stays under a name a page links to.
 */
export async function encodeImage(image: InspectedImage, options: MediaOptions): Promise<ProcessedImage> {
  const { input, width, height } = image;
  const fileKey = crypto.randomBytes(12).toString("hex");
  const widths = PHOTO_WIDTHS.filter((w) => w < width);
  widths.push(Math.min(width, MAX_WIDTH));
  const uniqueWidths = [...new Set(widths)].sort((a, b) => a - b);
  const keys = photoKeys(fileKey, uniqueWidths);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "cchc-photo-"));
  try {
    try {
      for (const w of uniqueWidths) {
        // rotate() applies the EXIF orientation before metadata is dropped (sharp drops it by default).
        const base = sharp(input, { limitInputPixels: options.maxPixels, animated: false })
          .rotate()
          .resize({ width: w, withoutEnlargement: true });
        const [webp, jpeg] = photoKeys(fileKey, [w]) as [string, string];
        await base.clone().webp({ quality: 80 }).toFile(path.join(work, webp));
        await base.clone().flatten({ background: "#ffffff" }).jpeg({ quality: 82, mozjpeg: true }).toFile(path.join(work, jpeg));
      }
    } catch {
      throw refuse("Không xử lý được ảnh này; hãy thử một ảnh khác.");
    }
    try {
      for (const key of keys) await options.store.put(key, path.join(work, key), contentTypeOf(key));
    } catch (error) {
      await options.store.delete(...keys);
      throw error;
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  return { fileKey, width, height, widths: uniqueWidths, keys };
}

/** Checks the bytes, re-encodes into WebP and JPEG at a few widths, and strips all metadata. */
export async function processImage(input: ImageInput, options: MediaOptions): Promise<ProcessedImage> {
  return encodeImage(await inspectImage(input, options), options);
}

function cleanMeta(meta: PhotoMeta) {
  return {
    caption: toNfc(meta.caption.trim()),
    alt: toNfc(meta.alt.trim()),
    credit: toNfc(meta.credit.trim()),
    originalName: toNfc((meta.originalName ?? "").slice(0, 200)),
    isPlaceholder: meta.isPlaceholder ?? false,
    uploadedById: meta.uploadedById ?? null,
  };
}

/** The row for a processed image and its texts. */
export function photoRow(image: ProcessedImage, meta: PhotoMeta) {
  return { fileKey: image.fileKey, width: image.width, height: image.height, widths: image.widths.join(","), ...cleanMeta(meta) };
}

/** Stores a photo: files first, then the row; a failed row removes the files again. */
export async function createPhoto(prisma: PrismaClient, buffer: Buffer, meta: PhotoMeta, options: MediaOptions) {
  const image = await processImage(buffer, options);
  try {
    return await prisma.photo.create({ data: photoRow(image, meta) });
  } catch (error) {
    await options.store.delete(...image.keys);
    throw error;
  }
}

export interface PhotoView {
  id: number;
  src: string;
  srcsetWebp: string;
  srcsetJpeg: string;
  width: number;
  height: number;
  caption: string;
  alt: string;
  credit: string;
}

interface PhotoRow {
  id: number;
  fileKey: string;
  width: number;
  height: number;
  widths: string;
  caption: string;
  alt: string;
  credit: string;
}

/** What a template needs to draw a responsive <picture>. */
export function photoView(photo: PhotoRow): PhotoView {
  const widths = photo.widths.split(",").map(Number);
  const url = (w: number, ext: string) => fileUrl(`${photo.fileKey}-${w}.${ext}`);
  const middle = widths.find((w) => w >= 960) ?? widths[widths.length - 1]!;
  return {
    id: photo.id,
    src: url(middle, "jpg"),
    srcsetWebp: widths.map((w) => `${url(w, "webp")} ${w}w`).join(", "),
    srcsetJpeg: widths.map((w) => `${url(w, "jpg")} ${w}w`).join(", "),
    width: photo.width,
    height: photo.height,
    caption: photo.caption,
    alt: photo.alt || photo.caption,
    credit: photo.credit,
  };
}
