import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { fileTypeFromBuffer } from "file-type";
import type { PrismaClient } from "../db.js";
import { HttpError } from "../errors.js";
import { toNfc } from "../lib/fold.js";

const ACCEPTED_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);
/** Responsive widths made for every photo; none wider than the original. */
export const PHOTO_WIDTHS: readonly number[] = [480, 960, 1600];
const MAX_WIDTH = 1600;

export interface MediaOptions {
  uploadDir: string;
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
  files: string[];
}

const refuse = (message: string) => new HttpError(422, message, { file: message });

/** Checks the bytes, re-encodes into WebP and JPEG at a few widths, and strips all metadata. */
export async function processImage(buffer: Buffer, options: MediaOptions): Promise<ProcessedImage> {
  if (buffer.length === 0) throw refuse("Tệp tải lên trống.");
  if (buffer.length > options.maxBytes) {
    throw refuse(`Tệp quá lớn: tối đa ${Math.round(options.maxBytes / 1024 / 1024)} MB.`);
  }
  const type = await fileTypeFromBuffer(buffer);
  if (!type || !ACCEPTED_TYPES.has(type.mime)) {
    throw refuse("Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF (nội dung tệp không phải là ảnh được hỗ trợ).");
  }
  let width: number;
  let height: number;
  try {
    const meta = await sharp(buffer, { limitInputPixels: options.maxPixels }).metadata();
    if (!meta.width || !meta.height) throw new Error("no size");
    if (meta.width * meta.height > options.maxPixels) throw new Error("pixel flood");
    // EXIF orientation 5-8 swaps the sides once the photo is turned upright.
    const swap = (meta.orientation ?? 1) >= 5;
    width = swap ? meta.height : meta.width;
    height = swap ? meta.width : meta.height;
  } catch {
    throw refuse(`Ảnh bị hỏng hoặc quá nhiều điểm ảnh (tối đa ${Math.round(options.maxPixels / 1e6)} triệu điểm ảnh).`);
  }

  const fileKey = crypto.randomBytes(12).toString("hex");
  const widths = PHOTO_WIDTHS.filter((w) => w < width);
  widths.push(Math.min(width, MAX_WIDTH));
  const uniqueWidths = [...new Set(widths)].sort((a, b) => a - b);
  const files: string[] = [];
  try {
    await fs.mkdir(options.uploadDir, { recursive: true });
    for (const w of uniqueWidths) {
      // rotate() applies the EXIF orientation before metadata is dropped (sharp drops it by default).
      const base = sharp(buffer, { limitInputPixels: options.maxPixels, animated: false })
        .rotate()
        .resize({ width: w, withoutEnlargement: true });
      const webp = path.join(options.uploadDir, `${fileKey}-${w}.webp`);
      const jpeg = path.join(options.uploadDir, `${fileKey}-${w}.jpg`);
      files.push(webp, jpeg);
      await base.clone().webp({ quality: 80 }).toFile(webp);
      await base.clone().flatten({ background: "#ffffff" }).jpeg({ quality: 82, mozjpeg: true }).toFile(jpeg);
    }
  } catch {
    await removeFiles(files);
    throw refuse("Không xử lý được ảnh này; hãy thử một ảnh khác.");
  }
  return { fileKey, width, height, widths: uniqueWidths, files };
}

async function removeFiles(files: string[]): Promise<void> {
  await Promise.all(files.map((f) => fs.rm(f, { force: true })));
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

/** Stores a photo: files first, then the row; a failed row removes the files again. */
export async function createPhoto(prisma: PrismaClient, buffer: Buffer, meta: PhotoMeta, options: MediaOptions) {
  const image = await processImage(buffer, options);
  try {
    return await prisma.photo.create({
      data: {
        fileKey: image.fileKey,
        width: image.width,
        height: image.height,
        widths: image.widths.join(","),
        ...cleanMeta(meta),
      },
    });
  } catch (error) {
    await removeFiles(image.files);
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
  const url = (w: number, ext: string) => `/uploads/${photo.fileKey}-${w}.${ext}`;
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
