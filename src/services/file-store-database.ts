import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "../db.js";
import {
  checkPut,
  isFileKey,
  openOnDisk,
  writeAtomically,
  type ChangeAnnouncer,
  type FileStore,
  type OpenedFile,
} from "./file-store.js";

const SWEEP_BATCH = 500;

/**
 * Files as rows of StoredFile (BLOB on SQLite, bytea on PostgreSQL), so every instance of one
 * database sees every file. Each instance keeps the files it has served in `cacheDir`: a request
 * reads the database once per file and instance, then the disk. Keys are never reused for other
 * bytes, so a cached file stays right until its key is deleted; a deletion is announced to every
 * instance, and each then removes from its cache the files the database no longer has.
 */
export function createDatabaseFileStore(prisma: PrismaClient, cacheDir: string, changes?: ChangeAnnouncer): FileStore {
  const cachePath = (key: string) => path.join(cacheDir, key);
  const fetching = new Map<string, Promise<OpenedFile | null>>();

  const cached = (key: string) => openOnDisk(key, cachePath(key));

  // The cache file carries the row's creation time, so every instance answers with the same
  // Last-Modified and ETag (size and time) for one file.
  const cache = async (key: string, bytes: Uint8Array, createdAt: Date) => {
    await fs.mkdir(cacheDir, { recursive: true });
    await writeAtomically(cachePath(key), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), createdAt);
  };

  // Concurrent requests for one uncached file share one database read.
  const fetchOnce = (key: string): Promise<OpenedFile | null> => {
    let pending = fetching.get(key);
    if (!pending) {
      pending = (async () => {
        const row = await prisma.storedFile.findUnique({ where: { key }, select: { bytes: true, createdAt: true } });
        if (!row) return null;
        await cache(key, row.bytes, row.createdAt);
        return cached(key);
      })().finally(() => fetching.delete(key));
      fetching.set(key, pending);
    }
    return pending;
  };

  /** Removes cached files whose keys the database no longer has (deleted through another instance). */
  async function sweepCache(): Promise<void> {
    let names: string[];
    try {
      names = (await fs.readdir(cacheDir)).filter(isFileKey);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (let i = 0; i < names.length; i += SWEEP_BATCH) {
      const batch = names.slice(i, i + SWEEP_BATCH);
      const rows = await prisma.storedFile.findMany({ where: { key: { in: batch } }, select: { key: true } });
      const kept = new Set(rows.map((r) => r.key));
      await Promise.all(batch.filter((key) => !kept.has(key)).map((key) => fs.rm(cachePath(key), { force: true })));
    }
  }

  // One sweep at a time; changes announced during a sweep get one more after it.
  let sweeping: Promise<void> | null = null;
  let again = false;
  const sweepSoon = (): void => {
    if (sweeping) {
      again = true;
      return;
    }
    sweeping = sweepCache()
      .catch(() => {}) // a failed sweep leaves the cache as it was; the next change sweeps again
      .finally(() => {
        sweeping = null;
        if (again) (again = false), sweepSoon();
      });
  };
  if (changes) {
    changes.subscribe(sweepSoon);
    // Files deleted while this instance was stopped.
    sweepSoon();
  }

  return {
    kind: "database",
    async put(key, from, contentType) {
      checkPut(key, contentType);
      // Prisma types Bytes as Uint8Array<ArrayBuffer>; a Buffer is one, whatever its backing store.
      const bytes = (typeof from === "string" ? await fs.readFile(from) : from) as Uint8Array<ArrayBuffer>;
      const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
      const data = { contentType, size: bytes.length, sha256, bytes };
      const row = await prisma.storedFile.upsert({ where: { key }, create: { key, ...data }, update: data, select: { createdAt: true } });
      // The instance that stores a file serves it first, usually at once: no need to read it back.
      await cache(key, bytes, row.createdAt);
    },
    async open(key) {
      if (!isFileKey(key)) return null;
      return (await cached(key)) ?? fetchOnce(key);
    },
    async read(key) {
      if (!isFileKey(key)) return null;
      const row = await prisma.storedFile.findUnique({ where: { key }, select: { bytes: true } });
      return row ? Buffer.from(row.bytes) : null;
    },
    async size(key) {
      if (!isFileKey(key)) return null;
      const file = await cached(key);
      if (file) return file.size;
      return (await prisma.storedFile.findUnique({ where: { key }, select: { size: true } }))?.size ?? null;
    },
    async delete(...keys) {
      const valid = keys.filter(isFileKey);
      if (!valid.length) return;
      await prisma.storedFile.deleteMany({ where: { key: { in: valid } } });
      await Promise.all(valid.map((key) => fs.rm(cachePath(key), { force: true })));
      await changes?.publish();
    },
    async list() {
      return prisma.storedFile.findMany({ select: { key: true, size: true, contentType: true }, orderBy: { key: "asc" } });
    },
  };
}
