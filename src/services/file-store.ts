import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config.js";
import type { PrismaClient } from "../db.js";
import { createDatabaseFileStore } from "./file-store-database.js";
import { createLocalFileStore } from "./file-store-local.js";

// Every stored file (photos in all their sizes, the banner, later attachments) goes through one
// FileStore, chosen once at start (FILE_STORE): the local folder UPLOAD_DIR, or the database, shared
// by every instance, with a disk cache per instance. Both serve at /uploads/<key>.

export interface StoredFileInfo {
  key: string;
  size: number;
  contentType: string;
}

/** A file on this machine's disk holding a key's bytes, ready to be sent. */
export interface OpenedFile extends StoredFileInfo {
  path: string;
}

export interface FileStore {
  readonly kind: "local" | "database";
  /** Stores the bytes of a file (a path on disk, or a buffer) under `key`, whole or not at all. */
  put(key: string, from: string | Buffer, contentType: string): Promise<void>;
  /** The file on local disk with the key's bytes (the database store fetches it once); null when unknown. */
  open(key: string): Promise<OpenedFile | null>;
  /** The bytes themselves (for copies and checks); null when unknown. */
  read(key: string): Promise<Buffer | null>;
  size(key: string): Promise<number | null>;
  /** Removes the keys; unknown keys are ignored. */
  delete(...keys: string[]): Promise<void>;
  /** Every stored file, by key. */
  list(): Promise<StoredFileInfo[]>;
}

// A key is a plain file name: letters, digits, "-" and "_", one extension. Never a path: no "/",
// "\", "..", leading dot or absolute name can reach the folder or the cache.
const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,127}\.[a-z0-9]{1,10}$/;

export const isFileKey = (key: unknown): key is string => typeof key === "string" && KEY_PATTERN.test(key);

export function assertFileKey(key: unknown): asserts key is string {
  if (!isFileKey(key)) throw new Error(`Tên tệp lưu trữ không hợp lệ: ${JSON.stringify(key)}`);
}

/** The public address of a stored file. */
export const fileUrl = (key: string) => `/uploads/${key}`;

const CONTENT_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  csv: "text/csv",
};

/** The type a key is served with, from its extension (as express.static does). */
export const contentTypeOf = (key: string) => CONTENT_TYPES[key.slice(key.lastIndexOf(".") + 1)] ?? "application/octet-stream";

/** Checks a put: a valid key, and a content type that agrees with how the key will be served. */
export function checkPut(key: string, contentType: string): void {
  assertFileKey(key);
  if (contentTypeOf(key) !== contentType) {
    throw new Error(`Kiểu nội dung ${contentType} không khớp với tên tệp ${key} (${contentTypeOf(key)})`);
  }
}

/**
 * Writes `file` under a temporary name beside it, then renames: a reader sees the whole file or
 * none. The temporary name starts with a dot (never a valid key, never served).
 */
export async function writeAtomically(file: string, from: string | Buffer, mtime?: Date): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(4).toString("hex")}.tmp`);
  try {
    if (typeof from === "string") await fs.copyFile(from, tmp);
    else await fs.writeFile(tmp, from);
    if (mtime) await fs.utimes(tmp, mtime, mtime);
    await fs.rename(tmp, file);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** The file at `file` holding `key`, or null when there is none. */
export async function openOnDisk(key: string, file: string): Promise<OpenedFile | null> {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? { key, path: file, size: stat.size, contentType: contentTypeOf(key) } : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export type FileStoreConfig = Pick<Config, "fileStore" | "uploadDir" | "fileCacheDir">;

/** Announces changes to every instance (content-changes.ts), so their caches forget deleted files. */
export interface ChangeAnnouncer {
  publish(): Promise<void>;
  subscribe(listener: () => void): void;
}

/** The store FILE_STORE names. */
export function createFileStore(config: FileStoreConfig, prisma: PrismaClient, changes?: ChangeAnnouncer): FileStore {
  return config.fileStore === "database"
    ? createDatabaseFileStore(prisma, config.fileCacheDir, changes)
    : createLocalFileStore(config.uploadDir);
}
