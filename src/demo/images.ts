// The small set of photos generated articles share: pictures drawn with sharp (gradients and
// shapes), put through the same pipeline as uploads (checked, re-encoded to WebP and JPEG at every
// responsive width, stored in the configured file store), marked `generated`.
import sharp from "sharp";
import type { PrismaClient } from "../db.js";
import { photoRow, processImage, type MediaOptions } from "../services/media.js";
import { PHOTO_CAPTIONS } from "./text.js";

export const DEMO_PHOTO_COUNT = PHOTO_CAPTIONS.length;
const CREDIT = "Ảnh tự sinh (demo:generate)";

/** Picture `i`: a diagonal gradient, a sun, hills and a row of buildings, in its own colours. */
async function drawPicture(i: number): Promise<Buffer> {
  const [width, height] = i % 3 === 2 ? [1200, 900] : [1600, 1000];
  const hue = (i * 47 + 20) % 360;
  const buildings = Array.from({ length: 5 + (i % 4) }, (_, b) => {
    const w = width / (9 + (i % 4));
    const h = height * (0.18 + ((b * 37 + i * 11) % 25) / 100);
    const x = width * 0.08 + b * w * 1.35;
    return `<rect x="${x}" y="${height * 0.8 - h}" width="${w}" height="${h}" fill="hsl(${hue + 180},25%,${30 + b * 4}%)" opacity="0.85"/>`;
  }).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="${i % 2}" y2="1">
    <stop offset="0" stop-color="hsl(${hue},55%,62%)"/><stop offset="1" stop-color="hsl(${hue + 40},45%,28%)"/>
  </linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>
  <circle cx="${width * (0.2 + (i % 4) * 0.2)}" cy="${height * 0.25}" r="${height * 0.1}" fill="hsl(${hue + 60},80%,85%)" opacity="0.7"/>
  <path d="M0 ${height * 0.7} Q${width * 0.3} ${height * 0.5} ${width * 0.55} ${height * 0.68} T${width} ${height * 0.62} V${height} H0Z" fill="hsl(${hue + 120},35%,35%)" opacity="0.6"/>
  ${buildings}
  <rect y="${height * 0.8}" width="100%" height="${height * 0.2}" fill="hsl(${hue + 200},30%,22%)"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/**
 * The ids of the generated photos, making the missing ones: an earlier run's photos are reused, so
 * generating twice does not double the library.
 */
export async function ensureDemoPhotos(prisma: PrismaClient, media: MediaOptions): Promise<number[]> {
  const existing = await prisma.photo.findMany({ where: { generated: true }, select: { id: true }, orderBy: { id: "asc" }, take: DEMO_PHOTO_COUNT });
  const ids = existing.map((p) => p.id);
  for (let i = ids.length; i < DEMO_PHOTO_COUNT; i++) {
    const image = await processImage(await drawPicture(i), media);
    const caption = `${PHOTO_CAPTIONS[i]} (ảnh minh họa tự sinh)`;
    try {
      const meta = { caption, alt: PHOTO_CAPTIONS[i]!, credit: CREDIT, originalName: `demo-${i + 1}.jpg` };
      ids.push((await prisma.photo.create({ data: { ...photoRow(image, meta), generated: true }, select: { id: true } })).id);
    } catch (error) {
      await media.store.delete(...image.keys);
      throw error;
    }
  }
  return ids;
}
