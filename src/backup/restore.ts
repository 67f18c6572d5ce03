// npm run cli -- restore --from FILE [--force]: reads and checks the whole archive into staging
// folders beside the targets, refuses anything damaged, foreign, newer or a non-empty target
// (without --force) before touching anything, then swaps the files and the database in.
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { readArchive } from "./archive.js";
import { removingOnInterrupt, withoutInterruption } from "./interrupt.js";
import { BackupError, checkAgainstManifest, MANIFEST_NAME, parseManifest, UPLOADS_PREFIX, type Manifest } from "./manifest.js";
import { createSnapshotter, type DatabaseSnapshotter } from "./snapshotter.js";
import { listUploadFiles, replaceContents } from "./upload-files.js";

export interface RestoreOptions {
  from: string;
  force: boolean;
  note: (line: string) => void;
}

export interface RestoreResult {
  manifest: Manifest;
  applied: string[];
  rowCounts: Record<string, number>;
}

interface Staging {
  db: string;
  uploads: string;
}

function describeRows(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${table}: ${n}`)
    .join(", ");
}

const KIND_NAMES: Record<Manifest["database"]["kind"], string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };
const KIND_URLS: Record<Manifest["database"]["kind"], string> = { sqlite: "file:…", postgresql: "postgresql://…" };
// Moving a site between the kinds is db:copy's job (SQLite to PostgreSQL only).
const MOVING_TO_POSTGRES = "Để chuyển một trang SQLite sang PostgreSQL: khôi phục bản sao lưu này vào SQLite, rồi npm run cli -- db:copy --to postgresql://…";

/** An archive of one database kind never goes into the other: the formats differ, not just the files. */
function crossKind(archived: Manifest["database"]["kind"], configured: Manifest["database"]["kind"]): BackupError {
  return new BackupError(
    `Không thể khôi phục bản sao lưu ${KIND_NAMES[archived]} vào cơ sở dữ liệu ${KIND_NAMES[configured]}: tệp sao lưu này chứa ` +
      `cơ sở dữ liệu ${KIND_NAMES[archived]}, còn DATABASE_URL hiện tại trỏ tới ${KIND_NAMES[configured]}.\n` +
      `Hãy khôi phục nó vào một cơ sở dữ liệu ${KIND_NAMES[archived]} (DATABASE_URL=${KIND_URLS[archived]}).` +
      (archived === "sqlite" ? `\n${MOVING_TO_POSTGRES}.` : ""),
  );
}

/** Reads the archive into the staging folders and checks it against its manifest and this code. */
async function readAndCheck(from: string, staging: Staging, snapshotter: DatabaseSnapshotter): Promise<Manifest> {
  const found = await readArchive(from, (name) => {
    if (name === MANIFEST_NAME || name === snapshotter.fileName) return path.join(staging.db, name);
    if (name.startsWith(UPLOADS_PREFIX)) return path.join(staging.uploads, name.slice(UPLOADS_PREFIX.length));
    return null;
  });
  if (!found.has(MANIFEST_NAME)) {
    throw new BackupError("Đây không phải tệp sao lưu của cổng thông tin: không có manifest.json.");
  }
  const manifest = parseManifest(fs.readFileSync(path.join(staging.db, MANIFEST_NAME), "utf8"));
  if (manifest.database.kind !== snapshotter.kind || manifest.database.file !== snapshotter.fileName) throw crossKind(manifest.database.kind, snapshotter.kind);
  checkAgainstManifest(manifest, found);
  const inArchive = await snapshotter.inspect(path.join(staging.db, snapshotter.fileName));
  const known = new Set(snapshotter.knownMigrations());
  const unknown = [...new Set([...manifest.database.migrations, ...inArchive.migrations])].filter((m) => !known.has(m)).sort();
  if (unknown.length) {
    throw new BackupError(
      `Tệp sao lưu được tạo bởi phiên bản phần mềm mới hơn: cơ sở dữ liệu có ${unknown.length} migration mà phiên bản này không biết:\n  ${unknown.join("\n  ")}\nHãy cập nhật phần mềm rồi khôi phục lại.`,
    );
  }
  return manifest;
}

/** Refuses a target that holds anything unless --force. */
async function checkTargetEmpty(config: Config, snapshotter: DatabaseSnapshotter, force: boolean): Promise<void> {
  const rows = describeRows(await snapshotter.countTargetRows());
  const files = listUploadFiles(config.uploadDir);
  const present = files.files.length + files.skipped.length;
  if ((!rows && !present) || force) return;
  const problems = [
    rows ? `cơ sở dữ liệu ${snapshotter.target} đang có dữ liệu (${rows})` : "",
    present ? `thư mục tải lên ${config.uploadDir} đang có ${present} tệp` : "",
  ].filter(Boolean);
  throw new BackupError(
    `Nơi khôi phục không trống: ${problems.join("; ")}.\nThêm --force để thay thế toàn bộ dữ liệu hiện có bằng bản sao lưu.`,
  );
}

export async function restoreBackup(config: Config, options: RestoreOptions): Promise<RestoreResult> {
  const from = path.resolve(options.from);
  if (!fs.existsSync(from) || !fs.statSync(from).isFile()) throw new BackupError(`Không tìm thấy tệp sao lưu ${from}.`);
  const snapshotter = createSnapshotter(config);
  const uploadParent = path.dirname(config.uploadDir);
  const uploadName = path.basename(config.uploadDir);
  const staging: Staging = {
    db: fs.mkdtempSync(path.join(config.dataDir, ".restore-")),
    uploads: fs.mkdtempSync(path.join(uploadParent, `.${uploadName}.restore-`)),
  };
  return removingOnInterrupt([staging.db, staging.uploads], async () => {
    let manifest: Manifest;
    let applied: string[];
    try {
      options.note(`Đang đọc và kiểm tra ${from}…`);
      manifest = await readAndCheck(from, staging, snapshotter);
      options.note(
        `Tệp sao lưu hợp lệ: tạo lúc ${manifest.createdAt} bởi ${manifest.app.name} ${manifest.app.version}, ` +
          `${manifest.uploads.files} tệp tải lên, migration mới nhất ${manifest.database.newestMigration ?? "(không có)"}.`,
      );
      await checkTargetEmpty(config, snapshotter, options.force);
      applied = await snapshotter.stage(path.join(staging.db, snapshotter.fileName));
    } catch (error) {
      if (error instanceof BackupError) throw new BackupError(`${error.message}\nKhông có gì bị thay đổi.`);
      throw error;
    }
    await withoutInterruption(async () => {
      const swap = replaceContents(config.uploadDir, staging.uploads);
      try {
        await snapshotter.install(path.join(staging.db, snapshotter.fileName));
      } catch (error) {
        swap.rollback();
        throw error;
      }
      swap.commit();
    });
    return { manifest, applied, rowCounts: await snapshotter.countTargetRows() };
  }).finally(() => snapshotter.release().catch((error: Error) => options.note(`Cảnh báo: ${error.message}`)));
}
