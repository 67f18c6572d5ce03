import zlib from "node:zlib";
import type { ByteSource } from "./byte-source.js";

// Just enough of the ZIP format to tell an office document (DOCX, XLSX, ODT, ODS: all ZIP files)
// from any other ZIP: the central directory's names, and the small text entries that name the
// document's type ([Content_Types].xml, mimetype). Nothing is extracted to disk.

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
// An office document has tens to a few thousand parts; a larger directory is some other archive.
const MAX_ENTRIES = 20_000;
const MAX_DIRECTORY_BYTES = 8 * 1024 * 1024;

/** The central directory's entries, or null when the bytes are not a readable ZIP. */
export async function readZipEntries(source: ByteSource): Promise<ZipEntry[] | null> {
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tail = await source.read(source.size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) return null;
  let count = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = at >= 20 ? tail.subarray(at - 20, at) : null;
    if (!locator || locator.readUInt32LE(0) !== ZIP64_LOCATOR) return null;
    const record = await source.read(Number(locator.readBigUInt64LE(8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) return null;
    count = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }
  if (count > MAX_ENTRIES || directorySize > MAX_DIRECTORY_BYTES) return null;
  const directory = await source.read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let p = 0;
  while (entries.length < count) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) return null;
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    const utf8 = (directory.readUInt16LE(p + 8) & 0x800) !== 0;
    const name = directory.subarray(p + 46, p + 46 + nameLength).toString(utf8 ? "utf8" : "latin1");
    entries.push({
      name,
      method: directory.readUInt16LE(p + 10),
      compressedSize: directory.readUInt32LE(p + 20),
      localOffset: directory.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of one small entry (stored or deflated), at most `maxBytes`; null when unreadable. */
export async function readZipEntry(source: ByteSource, entry: ZipEntry, maxBytes: number): Promise<Buffer | null> {
  const header = await source.read(entry.localOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) return null;
  const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize > maxBytes * 4 + 1024) return null;
  const data = await source.read(start, entry.compressedSize);
  if (entry.method === 0) return data.length <= maxBytes ? data : null;
  if (entry.method !== 8) return null;
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
}
