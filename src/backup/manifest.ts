// manifest.json: what a backup archive holds and how to check it (shared by every database kind).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

export const BACKUP_FORMAT = "cchc-portal-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_NAME = "manifest.json";
/** Archive folder holding the files of UPLOAD_DIR. */
export const UPLOADS_PREFIX = "uploads/";

/** A refusal or failure with a message for the operator (Vietnamese); the CLI prints it and exits non-zero. */
export class BackupError extends Error {
  override name = "BackupError";
}

const FileEntry = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileEntry = z.infer<typeof FileEntry>;

const Manifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  createdAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  database: z.object({
    kind: z.enum(["sqlite", "postgresql"]),
    file: z.string().min(1),
    newestMigration: z.string().nullable(),
    migrations: z.array(z.string()),
    rowCounts: z.record(z.string(), z.number().int().nonnegative()),
  }),
  uploads: z.object({ files: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  files: z.array(FileEntry),
});
export type Manifest = z.infer<typeof Manifest>;

const PACKAGE_JSON = path.resolve(import.meta.dirname, "../../package.json");

export function appIdentity(): Manifest["app"] {
  const pkg = JSON.parse(fs.readFileSync(PACKAGE_JSON, "utf8")) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

/** sha256 and size of a file, read as a stream (uploads can be large). */
export async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash("sha256");
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest("hex") };
}

/**
 * A relative archive path we are willing to write: forward slashes, no empty, "." or ".." segment,
 * not absolute, no drive letter or backslash, no NUL. Returns null when it is acceptable, else why not.
 */
export function unsafePathReason(entryPath: string): string | null {
  const p = entryPath.replace(/\/+$/, "");
  if (!p) return "đường dẫn rỗng";
  if (p.startsWith("/") || /^[a-zA-Z]:/.test(p)) return "đường dẫn tuyệt đối";
  if (p.includes("\\") || p.includes("\0")) return "ký tự không được phép trong đường dẫn";
  if (p.split("/").some((s) => s === ".." || s === "." || s === "")) return "đường dẫn thoát ra ngoài (..)";
  return null;
}

/** Parses manifest.json; anything that is not our format is refused as foreign, a newer format as too new. */
export function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BackupError("Đây không phải tệp sao lưu của cổng thông tin: manifest.json không phải JSON hợp lệ.");
  }
  const head = z.object({ format: z.string(), formatVersion: z.number() }).safeParse(raw);
  if (!head.success || head.data.format !== BACKUP_FORMAT) {
    throw new BackupError(`Đây không phải tệp sao lưu của cổng thông tin (manifest.json không có định dạng "${BACKUP_FORMAT}").`);
  }
  if (head.data.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `Tệp sao lưu dùng định dạng phiên bản ${head.data.formatVersion}, mới hơn phiên bản ${BACKUP_FORMAT_VERSION} mà phần mềm này đọc được; hãy cập nhật phần mềm trước khi khôi phục.`,
    );
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new BackupError(`manifest.json không hợp lệ:\n${problems}`);
  }
  for (const file of parsed.data.files) {
    const reason = unsafePathReason(file.path);
    if (reason) throw new BackupError(`manifest.json liệt kê đường dẫn không an toàn "${file.path}": ${reason}.`);
  }
  return parsed.data;
}

/** "1,2 MB": sizes for people, with the Vietnamese decimal comma. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1).replace(".", ",")} ${units[unit]}`;
}

/** Every file the manifest lists is in the archive with its size and sha256, and nothing else is. */
export function checkAgainstManifest(manifest: Manifest, found: Map<string, FileEntry>): void {
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const file of manifest.files) {
    if (listed.has(file.path)) problems.push(`${file.path}: liệt kê hai lần`);
    listed.add(file.path);
    const got = found.get(file.path);
    if (!got) problems.push(`${file.path}: thiếu trong tệp sao lưu`);
    else if (got.size !== file.size) problems.push(`${file.path}: dài ${got.size} byte, manifest ghi ${file.size} byte`);
    else if (got.sha256 !== file.sha256) problems.push(`${file.path}: mã kiểm tra sha256 không khớp`);
    if (file.path !== manifest.database.file && !file.path.startsWith(UPLOADS_PREFIX)) {
      problems.push(`${file.path}: không phải cơ sở dữ liệu cũng không nằm trong ${UPLOADS_PREFIX}`);
    }
  }
  for (const name of found.keys()) {
    if (name !== MANIFEST_NAME && !listed.has(name)) problems.push(`${name}: có trong tệp sao lưu nhưng không có trong manifest`);
  }
  if (!listed.has(manifest.database.file)) problems.push(`${manifest.database.file}: manifest không liệt kê cơ sở dữ liệu`);
  if (problems.length) {
    const shown = problems.slice(0, 20).join("\n  ");
    const more = problems.length > 20 ? `\n  … và ${problems.length - 20} lỗi khác` : "";
    throw new BackupError(`Tệp sao lưu bị hỏng (${problems.length} lỗi):\n  ${shown}${more}`);
  }
}
