import type { ByteSource } from "./byte-source.js";

// Old Word (.doc) and Excel (.xls) files are OLE2 compound files: a small file system inside one
// file. What the file is shows in the names of its streams ("WordDocument", "Workbook"), listed in
// the directory, which is followed here through the FAT without reading any stream.

export const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const END_OF_CHAIN = 0xfffffffe;
const MAX_REGULAR_SECTOR = 0xfffffffa;
// A directory of 64 sectors of 4 KiB holds 2,048 entries: far more than any document has.
const MAX_DIRECTORY_SECTORS = 64;

/** The names of the compound file's streams and storages, or null when it is not a readable one. */
export async function readOle2Names(source: ByteSource): Promise<string[] | null> {
  const header = await source.read(0, 512);
  if (header.length < 512 || !header.subarray(0, 8).equals(OLE2_SIGNATURE)) return null;
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) fatSectors.push(header.readUInt32LE(0x4c + i * 4));
  let difat = header.readUInt32LE(0x44);
  for (let hops = 0; difat <= MAX_REGULAR_SECTOR && hops < 1000; hops++) {
    const block = await source.read(sectorOffset(difat), sectorSize);
    if (block.length < sectorSize) return null;
    for (let i = 0; i < perSector - 1; i++) fatSectors.push(block.readUInt32LE(i * 4));
    difat = block.readUInt32LE(sectorSize - 4);
  }
  const next = async (sector: number): Promise<number | null> => {
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined || fatSector > MAX_REGULAR_SECTOR) return null;
    const cell = await source.read(sectorOffset(fatSector) + (sector % perSector) * 4, 4);
    return cell.length === 4 ? cell.readUInt32LE(0) : null;
  };

  const names: string[] = [];
  let sector = header.readUInt32LE(0x30);
  for (let count = 0; sector !== END_OF_CHAIN; count++) {
    if (sector > MAX_REGULAR_SECTOR || count >= MAX_DIRECTORY_SECTORS) return null;
    const block = await source.read(sectorOffset(sector), sectorSize);
    if (block.length < sectorSize) return null;
    for (let p = 0; p + 128 <= block.length; p += 128) {
      const nameBytes = Math.min(block.readUInt16LE(p + 0x40), 64);
      const type = block[p + 0x42];
      if (nameBytes >= 2 && (type === 1 || type === 2 || type === 5)) {
        names.push(block.subarray(p, p + nameBytes - 2).toString("utf16le"));
      }
    }
    const following = await next(sector);
    if (following === null) return null;
    sector = following;
  }
  return names;
}
