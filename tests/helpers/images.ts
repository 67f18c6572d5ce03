import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/files");
export const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

/** A real photo carrying the metadata a phone adds: camera, author and GPS position. */
export async function jpegWithGps(width = 1200, height = 800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 110, b: 170 } } })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: "Canon", Model: "EOS 80D", Artist: "Nguyen Van A" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "10/1 2/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "105/1 47/1 0/1" },
    })
    .toBuffer();
}

/** A photo that does not compress: random noise, so its size in bytes is predictable. */
export async function noisyJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 60 } } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

export async function png(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 1 } } }).png().toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A "pixel flood": a tiny, valid-looking PNG whose header claims width × height pixels. */
export function pixelFloodPng(width = 50_000, height = 50_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, default compression, filter, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(Buffer.alloc(64))), chunk("IEND", Buffer.alloc(0))]);
}

/** The files in the uploads folder, to show that a refusal left none behind. */
export const uploadedFiles = (dir: string) => fs.readdirSync(dir).sort();
