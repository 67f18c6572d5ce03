// npm run cli -- backup / restore, run as real processes against copies of the seeded template
// database and uploads folder.
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Database from "better-sqlite3";
import * as tar from "tar";
import { startWriter } from "../helpers/writer-process.js";
import { runCli } from "../helpers/cli.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations } from "../../src/db/migrate.js";
import { TEMPLATE_DB, TEMPLATE_UPLOADS, TMP_DIR } from "../helpers/paths.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WORK = path.join(TMP_DIR, `backup-${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
const SEEDED_TITLE = "Thành phố Cần Thơ phân tích Chỉ số cải cách hành chính cấp tỉnh năm 2016";
const NOTHING_CHANGED = "Không có gì bị thay đổi.";

interface Site {
  dir: string;
  db: string;
  uploads: string;
}

const cli = (site: Site, args: string[], input = "") => runCli({ databaseUrl: `file:${site.db}`, uploadDir: site.uploads }, args, input);

let counter = 0;
function newSite(kind: "copy" | "empty"): Site {
  const dir = path.join(WORK, `site-${(counter += 1)}`);
  const site = { dir, db: path.join(dir, "portal.db"), uploads: path.join(dir, "uploads") };
  fs.mkdirSync(dir, { recursive: true });
  // An empty place is what a fresh `npm start` leaves before migrating: an empty uploads folder, no database.
  if (kind === "empty") fs.mkdirSync(site.uploads);
  if (kind === "copy") {
    fs.copyFileSync(TEMPLATE_DB, site.db);
    fs.cpSync(TEMPLATE_UPLOADS, site.uploads, { recursive: true });
  }
  return site;
}

const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

function uploadHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) out[name] = sha256(file);
  }
  return out;
}

/** What a refusal must leave alone: the database's bytes, every upload, and the folder (SQLite's -wal/-shm aside). */
function fingerprint(site: Site) {
  return {
    db: fs.existsSync(site.db) ? sha256(site.db) : null,
    uploads: uploadHashes(site.uploads),
    folder: fs.readdirSync(site.dir).filter((n) => !/-(wal|shm)$/.test(n)).sort(),
  };
}

function query<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

function rowCounts(file: string): Record<string, number> {
  const tables = query<{ name: string }>(file, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'ArticleSearch_%'`);
  return Object.fromEntries(tables.map(({ name }) => [name, query<{ n: number }>(file, `SELECT count(*) AS n FROM "${name}"`)[0]!.n]));
}

async function unpack(archive: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(WORK, "unpacked-"));
  await tar.x({ file: archive, cwd: dir });
  return dir;
}

/** Re-packs an unpacked archive (manifest first) after `change` edits it: archives only a real bug or an attacker would make. */
async function repack(archive: string, change: (dir: string) => void | Promise<void>, extra: { preservePaths?: boolean; entries?: string[] } = {}) {
  const dir = await unpack(archive);
  await change(dir);
  const out = `${dir}.tar.gz`;
  const entries = ["manifest.json", "database.sqlite", "uploads", ...(extra.entries ?? [])];
  await tar.c({ file: out, cwd: dir, gzip: true, portable: true, preservePaths: extra.preservePaths }, entries);
  return out;
}

async function expectRefusal(archive: string, message: RegExp, target = newSite("copy")) {
  const before = fingerprint(target);
  const run = await cli(target, ["restore", "--from", archive, "--force"]);
  expect(run.code, run.stderr).not.toBe(0);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toContain(NOTHING_CHANGED);
  expect(fingerprint(target)).toEqual(before);
  return run;
}

let source: Site;
let archive: string;

beforeAll(async () => {
  source = newSite("copy");
  const user = await cli(source, ["user:create", "--email", "bientap@cantho.gov.vn", "--name", "Nguyễn Văn Biên", "--role", "editor", "--password-stdin"], "mot-mat-khau-dai-va-rieng\n");
  expect(user.code, user.stderr).toBe(0);
  archive = path.join(WORK, "site.tar.gz");
  const run = await cli(source, ["backup", "--out", archive]);
  expect(run.code, run.stderr).toBe(0);
});

afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

describe("backup", () => {
  it("writes one archive with the snapshot, every upload and a manifest that checks them", async () => {
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(WORK).filter((n) => n.includes("partial") || n.startsWith(".site"))).toEqual([]);
    const dir = await unpack(archive);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const known = listMigrations().map((m) => m.name);
    expect(manifest).toMatchObject({ format: "cchc-portal-backup", formatVersion: 1, app: { version: pkg.version } });
    expect(manifest.database).toMatchObject({ kind: "sqlite", file: "database.sqlite", migrations: known, newestMigration: known.at(-1) });
    expect(manifest.database.rowCounts).toMatchObject({ Article: 2, User: 1, SiteSettings: 1 });
    expect(Date.now() - Date.parse(manifest.createdAt)).toBeLessThan(10 * 60_000);
    const expected = Object.entries(uploadHashes(source.uploads)).map(([name, hash]) => ({ path: `uploads/${name}`, sha256: hash }));
    expected.push({ path: "database.sqlite", sha256: sha256(path.join(dir, "database.sqlite")) });
    const listed = manifest.files.map((f: { path: string; sha256: string; size: number }) => {
      expect(f.size).toBe(fs.statSync(path.join(dir, f.path)).size);
      return { path: f.path, sha256: f.sha256 };
    });
    expect(listed.sort((a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path))).toEqual(
      expected.sort((a, b) => a.path.localeCompare(b.path)),
    );
    expect(manifest.uploads.files).toBe(expected.length - 1);
  });

  it("restores into an empty place: the same rows and byte-identical files", async () => {
    const target = newSite("empty");
    const run = await cli(target, ["restore", "--from", archive]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Article: 2/);
    expect(rowCounts(target.db)).toEqual(rowCounts(source.db));
    for (const sql of ["SELECT * FROM Article ORDER BY id", "SELECT * FROM SiteSettings", "SELECT * FROM User", "SELECT * FROM Photo ORDER BY id"]) {
      expect(query(target.db, sql)).toEqual(query(source.db, sql));
    }
    expect(query<{ title: string }>(target.db, "SELECT title FROM Article").map((a) => a.title)).toContain(SEEDED_TITLE);
    expect(query<{ email: string }>(target.db, "SELECT email FROM User")).toEqual([{ email: "bientap@cantho.gov.vn" }]);
    expect(query(target.db, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(uploadHashes(target.uploads)).toEqual(uploadHashes(source.uploads));
    expect(Object.keys(uploadHashes(target.uploads)).length).toBeGreaterThan(10);
    expect(fs.readdirSync(target.dir).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("takes a consistent snapshot while another process keeps writing", { timeout: 60_000 }, async () => {
    const site = newSite("copy");
    const writerScript = path.join(WORK, "writer.cjs");
    // Commits one feedback row every millisecond or so, never checkpointing, so recent rows live only
    // in the -wal file (a plain copy of portal.db would miss them); prints how many rows it has committed.
    fs.writeFileSync(
      writerScript,
      `const Database = require(process.argv[2]);
       const db = new Database(process.argv[3], { timeout: 10000 });
       db.pragma("journal_mode = WAL");
       db.pragma("wal_autocheckpoint = 0");
       const insert = db.prepare("INSERT INTO FeedbackMessage (name, email, subject, message, updatedAt) VALUES (?, ?, ?, ?, ?)");
       const pause = new Int32Array(new SharedArrayBuffer(4));
       for (let n = 1; ; n++) {
         Atomics.wait(pause, 0, 0, 1);
         insert.run("Người gửi " + n, "nguoi" + n + "@example.vn", "Góp ý " + n, "Nội dung ".repeat(50), new Date().toISOString());
         if (n % 25 === 0) process.stdout.write(n + "\\n");
       }`,
    );
    const writer = startWriter(writerScript, [createRequire(import.meta.url).resolve("better-sqlite3"), site.db]);
    try {
      await writer.until(300);
      const before = writer.committed();
      const out = path.join(site.dir, "live.tar.gz");
      const run = await cli(site, ["backup", "--out", out]);
      const after = writer.committed();
      expect(run.code, run.stderr).toBe(0);
      expect(after, "the writer kept committing during the backup").toBeGreaterThan(before);
      expect(run.stderr).toMatch(/\d+\/\d+ tệp/);
      const dir = await unpack(out);
      const snapshot = path.join(dir, "database.sqlite");
      expect(query(snapshot, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      const inSnapshot = query<{ n: number }>(snapshot, "SELECT count(*) AS n FROM FeedbackMessage")[0]!.n;
      expect(inSnapshot).toBeGreaterThanOrEqual(before);
      expect(inSnapshot).toBeLessThanOrEqual(after + 25);
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
      expect(manifest.database.rowCounts.FeedbackMessage).toBe(inSnapshot);
      await writer.stop();
      const target = newSite("empty");
      const restored = await cli(target, ["restore", "--from", out]);
      expect(restored.code, restored.stderr).toBe(0);
      expect(query(target.db, "SELECT count(*) AS n FROM FeedbackMessage")).toEqual([{ n: inSnapshot }]);
    } finally {
      await writer.stop();
    }
  });

  it("refuses an existing --out file unless --force", async () => {
    const out = path.join(WORK, "existing.tar.gz");
    fs.writeFileSync(out, "giữ nguyên");
    const refused = await cli(source, ["backup", "--out", out]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/đã tồn tại; thêm --force/);
    expect(fs.readFileSync(out, "utf8")).toBe("giữ nguyên");
    const forced = await cli(source, ["backup", "--out", out, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });
});

describe.concurrent("restore refuses, changing nothing", () => {
  it("a damaged byte in the archive", async () => {
    const bytes = fs.readFileSync(archive);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    const damaged = path.join(WORK, "damaged.tar.gz");
    fs.writeFileSync(damaged, bytes);
    await expectRefusal(damaged, /bị hỏng|cắt cụt/);
  });

  it("a file whose bytes differ from its manifest checksum", async () => {
    const photo = Object.keys(uploadHashes(source.uploads)).sort()[0]!;
    const altered = await repack(archive, (dir) => {
      const file = path.join(dir, "uploads", photo);
      const bytes = fs.readFileSync(file);
      bytes[bytes.length - 1]! ^= 0x01;
      fs.writeFileSync(file, bytes);
    });
    await expectRefusal(altered, new RegExp(`uploads/${photo}: mã kiểm tra sha256 không khớp`));
  });

  it("a file the manifest does not list", async () => {
    const extra = await repack(archive, (dir) => fs.writeFileSync(path.join(dir, "uploads", "la.txt"), "lạ"));
    await expectRefusal(extra, /uploads\/la\.txt: có trong tệp sao lưu nhưng không có trong manifest/);
  });

  it("a truncated archive", async () => {
    const bytes = fs.readFileSync(archive);
    const truncated = path.join(WORK, "truncated.tar.gz");
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectRefusal(truncated, /cắt cụt/);
  });

  it("a foreign tar.gz", async () => {
    const foreign = path.join(WORK, "foreign.tar.gz");
    await tar.c({ file: foreign, cwd: ROOT, gzip: true }, ["package.json", "README.md"]);
    await expectRefusal(foreign, /không phải tệp sao lưu của cổng thông tin/);
  });

  it("a manifest naming a migration this code does not know", async () => {
    const newer = await repack(archive, (dir) => {
      const file = path.join(dir, "manifest.json");
      const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
      manifest.database.migrations.push("29991231000000_tuong_lai");
      fs.writeFileSync(file, JSON.stringify(manifest));
    });
    await expectRefusal(newer, /phiên bản phần mềm mới hơn[\s\S]*29991231000000_tuong_lai/);
  });

  it("a database made by newer code (an unknown applied migration), into an empty place too", async () => {
    const site = newSite("copy");
    const db = new Database(site.db);
    db.prepare(`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('x', 'x', current_timestamp, '29991231000000_tuong_lai', 1)`).run();
    db.close();
    const out = path.join(site.dir, "newer.tar.gz");
    expect((await cli(site, ["backup", "--out", out])).code).toBe(0);
    const run = await expectRefusal(out, /29991231000000_tuong_lai/, newSite("empty"));
    expect(run.stderr).toMatch(/mới hơn/);
  });

  // Each would land outside the staging folder (or point outside it) if written as named.
  it.each([
    ["../thoat-ra-1.txt"],
    ["uploads/../../thoat-ra-2.txt"],
    [path.join(WORK, "thoat-ra-3.txt")],
    ["uploads/lien-ket"],
  ])("an entry escaping the target: %s", async (entry) => {
    const outside: string[] = [];
    const crafted = await repack(
      archive,
      (dir) => {
        if (entry === "uploads/lien-ket") return fs.symlinkSync("/etc/passwd", path.join(dir, entry));
        outside.push(path.resolve(dir, entry));
        fs.writeFileSync(path.resolve(dir, entry), "thoát ra");
      },
      { preservePaths: true, entries: entry === "uploads/lien-ket" ? [] : [entry] },
    );
    for (const file of outside) fs.rmSync(file);
    const target = newSite("copy");
    await expectRefusal(crafted, new RegExp(`mục không an toàn "${entry.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`), target);
    for (const file of [...outside, path.join(target.dir, path.basename(entry)), path.join(WORK, path.basename(entry))]) {
      expect(fs.existsSync(file), file).toBe(false);
    }
  });
});

describe("restore into a place that holds data", () => {
  it("refuses without --force, then replaces everything with it", async () => {
    const target = newSite("copy");
    const db = new Database(target.db);
    db.prepare("INSERT INTO FeedbackMessage (name, email, subject, message, updatedAt) VALUES ('Cũ', 'cu@example.vn', 'Cũ', 'Cũ', ?)").run(new Date().toISOString());
    db.close();
    fs.writeFileSync(path.join(target.uploads, "cu.jpg"), "ảnh cũ");
    const before = fingerprint(target);
    const refused = await cli(target, ["restore", "--from", archive]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Nơi khôi phục không trống[\s\S]*FeedbackMessage: 1[\s\S]*--force/);
    expect(refused.stderr).toContain(NOTHING_CHANGED);
    expect(fingerprint(target)).toEqual(before);

    const forced = await cli(target, ["restore", "--from", archive, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(rowCounts(target.db)).toEqual(rowCounts(source.db));
    expect(uploadHashes(target.uploads)).toEqual(uploadHashes(source.uploads));
    expect(fs.readdirSync(target.dir).filter((n) => n.startsWith(".") || /-(wal|shm|journal)$/.test(n))).toEqual([]);
  });

  it("upgrades an archive of an older schema with the pending migrations", async () => {
    const migrations = listMigrations();
    const old = newSite("empty");
    const db = new Database(old.db);
    db.exec(`CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    for (const m of migrations.slice(0, -1)) {
      db.exec(m.sql);
      db.prepare(`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES (?, 'x', current_timestamp, ?)`).run(m.name, m.name);
    }
    db.prepare("INSERT INTO Category (name, slug, updatedAt) VALUES ('Tin cũ', 'tin-cu', ?)").run(new Date().toISOString());
    db.close();
    const out = path.join(old.dir, "old.tar.gz");
    expect((await cli(old, ["backup", "--out", out])).code).toBe(0);
    const target = newSite("empty");
    const run = await cli(target, ["restore", "--from", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Đã áp dụng migration mới: ${migrations.at(-1)!.name}`);
    expect(query<{ migration_name: string }>(target.db, "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name").map((m) => m.migration_name)).toEqual(
      migrations.map((m) => m.name),
    );
    expect(query(target.db, "SELECT name FROM Category")).toEqual([{ name: "Tin cũ" }]);
  });
});
