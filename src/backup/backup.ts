// npm run cli -- backup --out FILE [--force]: one tar.gz holding a consistent database snapshot,
// every file of UPLOAD_DIR and manifest.json, written to FILE.partial, read back and checked, then
// renamed to FILE (a crash never leaves a half archive under the final name).
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { readArchive, writeArchive } from "./archive.js";
import {
  appIdentity,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  checkAgainstManifest,
  formatBytes,
  hashFile,
  MANIFEST_NAME,
  UPLOADS_PREFIX,
  type FileEntry,
  type Manifest,
} from "./manifest.js";
import { removingOnInterrupt } from "./interrupt.js";
import { createSnapshotter } from "./snapshotter.js";
import { listUploadFiles } from "./upload-files.js";

export interface BackupOptions {
  out: string;
  force: boolean;
  /** Progress and warnings (stderr). */
  note: (line: string) => void;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** At most one progress line a second (and the last one), so logs from cron stay short. */
function progressPrinter(note: (line: string) => void, totalFiles: number, totalBytes: number) {
  let last = 0;
  return ({ files, bytes }: { files: number; bytes: number }) => {
    const now = Date.now();
    if (files < totalFiles && now - last < 1000) return;
    last = now;
    note(`Đang ghi: ${files}/${totalFiles} tệp, ${formatBytes(bytes)}/${formatBytes(totalBytes)}`);
  };
}

/** Hashes the files to archive; an upload deleted meanwhile is left out with a warning. */
async function hashAll(stage: string, names: string[], note: (line: string) => void): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  for (const name of names) {
    try {
      entries.push({ path: name, ...(await hashFile(path.join(stage, name))) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" || !name.startsWith(UPLOADS_PREFIX)) throw error;
      note(`Cảnh báo: ${name} đã bị xoá trong lúc sao lưu, bỏ qua.`);
    }
  }
  return entries;
}

export async function createBackup(config: Config, options: BackupOptions): Promise<Manifest & { archiveBytes: number }> {
  const out = path.resolve(options.out);
  if (isInside(out, config.uploadDir)) {
    throw new BackupError(`Không đặt tệp sao lưu trong thư mục tải lên ${config.uploadDir}: thư mục này được phục vụ công khai.`);
  }
  if (fs.existsSync(out) && !options.force) throw new BackupError(`Tệp ${out} đã tồn tại; thêm --force để ghi đè.`);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new BackupError(`${out} là một thư mục; hãy chỉ định tên tệp.`);
  const snapshotter = createSnapshotter(config);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  const stage = fs.mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}.tmp-`));
  // The link to UPLOAD_DIR goes first, so removing the staging folder never reaches the uploads.
  const temporary = [path.join(stage, UPLOADS_PREFIX.slice(0, -1)), stage, partial];
  return removingOnInterrupt(temporary, async () => {
    options.note("Đang chụp cơ sở dữ liệu…");
    const database = await snapshotter.snapshot(path.join(stage, snapshotter.fileName));
    // The uploads are read through a link inside the staging folder, so every archive path is relative to it.
    fs.symlinkSync(config.uploadDir, path.join(stage, UPLOADS_PREFIX.slice(0, -1)), "dir");
    const uploads = listUploadFiles(config.uploadDir);
    for (const name of uploads.skipped) options.note(`Cảnh báo: ${name} trong thư mục tải lên không phải tệp thường, bỏ qua.`);
    const names = [snapshotter.fileName, ...uploads.files.map((f) => UPLOADS_PREFIX + f)];
    const files = await hashAll(stage, names, options.note);
    const uploaded = files.filter((f) => f.path.startsWith(UPLOADS_PREFIX));
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      app: appIdentity(),
      database: {
        kind: snapshotter.kind,
        file: snapshotter.fileName,
        newestMigration: database.migrations.at(-1) ?? null,
        migrations: database.migrations,
        rowCounts: database.rowCounts,
      },
      uploads: { files: uploaded.length, bytes: uploaded.reduce((sum, f) => sum + f.size, 0) },
      files,
    };
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    fs.writeFileSync(path.join(stage, MANIFEST_NAME), manifestText);
    const totalBytes = files.reduce((sum, f) => sum + f.size, Buffer.byteLength(manifestText));
    const progress = progressPrinter(options.note, files.length + 1, totalBytes);
    await writeArchive(stage, [MANIFEST_NAME, ...files.map((f) => f.path)], partial, progress);
    options.note("Đang đọc lại và kiểm tra tệp sao lưu…");
    checkAgainstManifest(manifest, await readArchive(partial, () => null));
    const fd = fs.openSync(partial, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (fs.existsSync(out) && !options.force) throw new BackupError(`Tệp ${out} vừa được tạo bởi tiến trình khác; không ghi đè.`);
    fs.renameSync(partial, out);
    return { ...manifest, archiveBytes: fs.statSync(out).size };
  });
}
