// npm run cli -- backup / restore on PostgreSQL, run as real processes against copies of the seeded
// template database (CREATE DATABASE … TEMPLATE) and of its uploads folder.
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import * as tar from "tar";
import { startWriter } from "../helpers/writer-process.js";
import { runCli } from "../helpers/cli.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "../../src/db.js";
import { listMigrations, migrateSqlite } from "../../src/db/migrate.js";
import { migratePostgres, POSTGRES_MIGRATIONS_DIR } from "../../src/db/migrate-postgres.js";
import { buildUser } from "../helpers/login.js";
import { TEMPLATE_POSTGRES, TEMPLATE_UPLOADS, TMP_DIR } from "../helpers/paths.js";
import { createDatabase, databaseUrl, dropDatabase } from "../helpers/postgres.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WORK = path.join(TMP_DIR, `pg-backup-${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
const requireHere = createRequire(import.meta.url);
const SEEDED_TITLE = "Thành phố Cần Thơ phân tích Chỉ số cải cách hành chính cấp tỉnh năm 2016";
const NOTHING_CHANGED = "Không có gì bị thay đổi.";
const KNOWN = listMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name);
// Text COPY must escape (tab, newlines, backslashes, a line that reads "\.") and bytes of every value.
const TRICKY_TEXT = "Dòng một\n\\.\nCột\tkế\r\nGạch \\ ngược \\N và đ Đ 🙂";
const EVERY_BYTE = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));

interface Site {
  dir: string;
  db: string;
  url: string;
  uploads: string;
}

/** The real CLI, from the site's folder (its data/ folder holds restore's staging files). */
const cli = (site: Pick<Site, "dir" | "uploads"> & { url: string }, args: string[]) =>
  runCli({ databaseUrl: site.url, uploadDir: site.uploads, cwd: site.dir }, args);

const databases: string[] = [];
let counter = 0;

/** A folder with an uploads folder, and a database: a copy of the seeded template, or a brand-new one without tables. */
async function newSite(kind: "copy" | "empty"): Promise<Site> {
  const db = await createDatabase("cchc_test_backup", kind === "copy" ? fs.readFileSync(TEMPLATE_POSTGRES, "utf8") : undefined);
  databases.push(db);
  const dir = path.join(WORK, `site-${(counter += 1)}`);
  const site = { dir, db, url: databaseUrl(db), uploads: path.join(dir, "uploads") };
  fs.mkdirSync(site.uploads, { recursive: true });
  if (kind === "copy") fs.cpSync(TEMPLATE_UPLOADS, site.uploads, { recursive: true });
  return site;
}


async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(db: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl(db) });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Rows of every table of the public schema (migration bookkeeping aside, as in the manifest). */
async function rowCounts(db: string): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>(db, `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await sql<{ n: string }>(db, `SELECT count(*) AS n FROM "${name}"`))[0]!.n);
  return counts;
}

const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

function uploadHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) out[name] = sha256(file);
  }
  return out;
}

/** What a refusal must leave alone: every table's rows, a checksum of the articles, the migrations, the schemas, every upload. */
async function fingerprint(site: Site) {
  const hasArticles = (await sql(site.db, `SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'Article'`)).length > 0;
  return {
    rows: await rowCounts(site.db),
    articles: hasArticles ? (await sql(site.db, `SELECT md5(string_agg(a::text, '|' ORDER BY id)) AS md5 FROM "Article" a`))[0] : null,
    migrations: hasArticles ? await sql(site.db, `SELECT migration_name FROM _prisma_migrations ORDER BY 1`) : [],
    schemas: await sql(site.db, `SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`),
    uploads: uploadHashes(site.uploads),
  };
}

async function unpack(archive: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(WORK, "unpacked-"));
  await tar.x({ file: archive, cwd: dir });
  return dir;
}

const manifestOf = async (archive: string) => JSON.parse(fs.readFileSync(path.join(await unpack(archive), "manifest.json"), "utf8"));

async function expectRefusal(archive: string, message: RegExp, target: Site) {
  const before = await fingerprint(target);
  const run = await cli(target, ["restore", "--from", archive, "--force"]);
  expect(run.code, run.stderr).not.toBe(0);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toContain(NOTHING_CHANGED);
  expect(await fingerprint(target)).toEqual(before);
  return run;
}

let source: Site;
let archive: string;

beforeAll(async () => {
  source = await newSite("copy");
  const prisma = createPrisma({ databaseUrl: source.url, databaseKind: "postgresql", databasePoolSize: 1 });
  try {
    await buildUser(prisma, { email: "bientap@cantho.gov.vn", name: "Nguyễn Văn Biên", role: "editor" });
    await prisma.feedbackMessage.create({ data: { name: "Người gửi", email: "nguoi@example.vn", subject: "Góp ý", message: TRICKY_TEXT } });
    // A row of the database file store: it must come along like any table's.
    const hash = crypto.createHash("sha256").update(EVERY_BYTE).digest("hex");
    await prisma.storedFile.create({ data: { key: "tep-moi-byte.bin", contentType: "application/octet-stream", size: EVERY_BYTE.length, sha256: hash, bytes: EVERY_BYTE } });
  } finally {
    await prisma.$disconnect();
  }
  archive = path.join(WORK, "site.tar.gz");
  const run = await cli(source, ["backup", "--out", archive]);
  expect(run.code, run.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  for (const db of databases) await dropDatabase(db);
  fs.rmSync(WORK, { recursive: true, force: true });
});

describe("backup and restore on PostgreSQL", () => {
  it("round trip into a brand-new database: the manifest, the same rows, byte-identical files, sequences that go on", async () => {
    const manifest = await manifestOf(archive);
    expect(manifest.database).toMatchObject({ kind: "postgresql", file: "database.pgcopy", migrations: KNOWN, newestMigration: KNOWN.at(-1) });
    expect(manifest.database.rowCounts).toEqual(await rowCounts(source.db));
    expect(manifest.database.rowCounts).toMatchObject({ Article: 2, User: 1, SiteSettings: 1, StoredFile: 1, FeedbackMessage: 1 });
    expect(manifest.files.map((f: { path: string }) => f.path)).toContain("database.pgcopy");

    const target = await newSite("empty");
    const run = await cli(target, ["restore", "--from", archive]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Article: 2/);
    expect(await rowCounts(target.db)).toEqual(await rowCounts(source.db));
    for (const query of [
      `SELECT * FROM "Article" ORDER BY id`,
      `SELECT * FROM "SiteSettings"`,
      `SELECT * FROM "User"`,
      `SELECT * FROM "Photo" ORDER BY id`,
      `SELECT * FROM "FeedbackMessage"`,
      `SELECT * FROM "StoredFile"`,
      `SELECT * FROM "ArticleSearch" ORDER BY "articleId"`, // its tsvector columns are computed again on insert
    ]) {
      expect(await sql(target.db, query), query).toEqual(await sql(source.db, query));
    }
    expect((await sql<{ title: string }>(target.db, `SELECT title FROM "Article"`)).map((a) => a.title)).toContain(SEEDED_TITLE);
    expect(await sql(target.db, `SELECT email, name FROM "User"`)).toEqual([{ email: "bientap@cantho.gov.vn", name: "Nguyễn Văn Biên" }]);
    expect((await sql<{ message: string }>(target.db, `SELECT message FROM "FeedbackMessage"`))[0]!.message).toBe(TRICKY_TEXT);
    expect((await sql<{ bytes: Buffer }>(target.db, `SELECT bytes FROM "StoredFile"`))[0]!.bytes.equals(EVERY_BYTE)).toBe(true);
    expect((await sql(target.db, `SELECT migration_name FROM _prisma_migrations ORDER BY 1`)).map((m) => m.migration_name)).toEqual(KNOWN);
    // The sequences stand where they stood: the next category gets the next id, not a taken one.
    const [highest] = await sql<{ max: number }>(source.db, `SELECT max(id) AS max FROM "Category"`);
    const [added] = await sql<{ id: number }>(target.db, `INSERT INTO "Category" (name, slug, "updatedAt") VALUES ('Mới', 'moi', now()) RETURNING id`);
    expect(added!.id).toBe(highest!.max + 1);
    expect(uploadHashes(target.uploads)).toEqual(uploadHashes(source.uploads));
    expect(Object.keys(uploadHashes(target.uploads)).length).toBeGreaterThan(10);
    expect((await fingerprint(target)).schemas).toEqual([{ nspname: "public" }]); // the staging schema is gone
    expect(fs.readdirSync(path.join(target.dir, "data")).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("a backup taken while a writer keeps committing is one snapshot, and restores", { timeout: 60_000 }, async () => {
    const site = await newSite("copy");
    // Enough rows that dumping FeedbackMessage takes a while: the writer commits meanwhile.
    await sql(site.db, `INSERT INTO "FeedbackMessage" (name, email, subject, message, "updatedAt")
                        SELECT 'Người gửi ' || g, 'nguoi' || g || '@example.vn', 'Góp ý', repeat('Nội dung góp ý. ', 100), now() FROM generate_series(1, 10000) g`);
    const base = await rowCounts(site.db);
    const writerScript = path.join(WORK, "writer.cjs");
    // Each transaction adds one feedback row and one audit row: in any one snapshot both grew by the same number.
    fs.writeFileSync(
      writerScript,
      `const pg = require(process.argv[2]);
       const client = new pg.Client({ connectionString: process.argv[3] });
       (async () => {
         await client.connect();
         for (let n = 1; ; n++) {
           await client.query("BEGIN");
           await client.query('INSERT INTO "FeedbackMessage" (name, email, subject, message, "updatedAt") VALUES ($1, $2, $3, $4, now())', ["Người viết " + n, "viet" + n + "@example.vn", "Góp ý " + n, "Nội dung"]);
           await client.query('INSERT INTO "AuditLog" (action, target) VALUES ($1, $2)', ["kiem-thu.ghi", String(n)]);
           await client.query("COMMIT");
           process.stdout.write(n + "\\n");
           await new Promise((r) => setTimeout(r, 2));
         }
       })();`,
    );
    const writer = startWriter(writerScript, [requireHere.resolve("pg"), site.url]);
    try {
      await writer.until(50);
      const before = writer.committed();
      const out = path.join(site.dir, "live.tar.gz");
      const run = await cli(site, ["backup", "--out", out]);
      const after = writer.committed();
      expect(run.code, run.stderr).toBe(0);
      expect(after, "the writer kept committing during the backup").toBeGreaterThan(before);
      const counts = (await manifestOf(out)).database.rowCounts;
      const written = counts.FeedbackMessage - base.FeedbackMessage!;
      expect(written).toBeGreaterThanOrEqual(before);
      expect(written).toBeLessThanOrEqual(after);
      expect(counts.AuditLog - base.AuditLog!).toBe(written);
      await writer.stop();

      const target = await newSite("empty");
      const restored = await cli(target, ["restore", "--from", out]);
      expect(restored.code, restored.stderr).toBe(0);
      expect(await rowCounts(target.db)).toEqual(counts);
    } finally {
      await writer.stop();
    }
  });
});

describe.concurrent("restore on PostgreSQL refuses, changing nothing", () => {
  // A copy of the seeded site, restored into with --force: refusals come before the emptiness check.
  // Nothing changes it, so the refusals share it.
  let target: Site;
  beforeAll(async () => {
    target = await newSite("copy");
  });

  it("a damaged byte in the archive", async () => {
    const bytes = fs.readFileSync(archive);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    const damaged = path.join(WORK, "damaged.tar.gz");
    fs.writeFileSync(damaged, bytes);
    await expectRefusal(damaged, /bị hỏng|cắt cụt/, target);
  });

  it("a truncated archive", async () => {
    const bytes = fs.readFileSync(archive);
    const truncated = path.join(WORK, "truncated.tar.gz");
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectRefusal(truncated, /cắt cụt/, target);
  });

  it("a foreign tar.gz", async () => {
    const foreign = path.join(WORK, "foreign.tar.gz");
    await tar.c({ file: foreign, cwd: ROOT, gzip: true }, ["package.json", "README.md"]);
    await expectRefusal(foreign, /không phải tệp sao lưu của cổng thông tin/, target);
  });

  it("a dump missing a row, even with a manifest whose checksums match it", async () => {
    const dir = await unpack(archive);
    const dump = path.join(dir, "database.pgcopy");
    const lines = fs.readFileSync(dump, "utf8").split("\n");
    lines.splice(lines.findIndex((l) => l.includes(SEEDED_TITLE)), 1); // the article's row

    fs.writeFileSync(dump, lines.join("\n"));
    const manifestFile = path.join(dir, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    manifest.files = manifest.files.map((f: { path: string }) => (f.path === "database.pgcopy" ? { path: f.path, size: fs.statSync(dump).size, sha256: sha256(dump) } : f));
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const altered = `${dir}.tar.gz`;
    await tar.c({ file: altered, cwd: dir, gzip: true, portable: true }, ["manifest.json", "database.pgcopy", "uploads"]);
    await expectRefusal(altered, /Bản chụp cơ sở dữ liệu PostgreSQL trong tệp sao lưu bị hỏng: bảng \w+ có \d+ dòng, phần đầu ghi \d+/, target);
  });

  it("a database made by newer code (an unknown applied migration), into a brand-new database", async () => {
    const site = await newSite("copy");
    await sql(site.db, `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('x', 'x', now(), '29991231000000_tuong_lai', 1)`);
    const out = path.join(site.dir, "newer.tar.gz");
    expect((await cli(site, ["backup", "--out", out])).code).toBe(0);
    const run = await expectRefusal(out, /phiên bản phần mềm mới hơn[\s\S]*29991231000000_tuong_lai/, await newSite("empty"));
    expect(run.stderr).toMatch(/cập nhật phần mềm/);
  });

  it("a SQLite archive into PostgreSQL, and a PostgreSQL archive into SQLite", async () => {
    const dir = path.join(WORK, `sqlite-${(counter += 1)}`);
    fs.mkdirSync(path.join(dir, "uploads"), { recursive: true });
    migrateSqlite(path.join(dir, "portal.db"));
    const sqliteSite = { dir, url: `file:${path.join(dir, "portal.db")}`, uploads: path.join(dir, "uploads") };
    const out = path.join(dir, "sqlite.tar.gz");
    const backup = await cli(sqliteSite, ["backup", "--out", out]);
    expect(backup.code, backup.stderr).toBe(0);
    await expectRefusal(out, /Không thể khôi phục bản sao lưu SQLite vào cơ sở dữ liệu PostgreSQL[\s\S]*DATABASE_URL=file:[\s\S]*db:copy --to postgresql:/, target);

    const dbBefore = sha256(path.join(dir, "portal.db"));
    const run = await cli(sqliteSite, ["restore", "--from", archive, "--force"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Không thể khôi phục bản sao lưu PostgreSQL vào cơ sở dữ liệu SQLite[\s\S]*DATABASE_URL=postgresql:/);
    expect(sha256(path.join(dir, "portal.db"))).toBe(dbBefore);
  });
});

describe("restore on PostgreSQL into a database that holds data", () => {
  it("refuses without --force, then replaces everything with it", async () => {
    const target = await newSite("copy");
    await sql(target.db, `INSERT INTO "FeedbackMessage" (name, email, subject, message, "updatedAt") VALUES ('Cũ', 'cu@example.vn', 'Cũ', 'Cũ', now())`);
    fs.writeFileSync(path.join(target.uploads, "cu.jpg"), "ảnh cũ");
    const before = await fingerprint(target);
    const refused = await cli(target, ["restore", "--from", archive]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Nơi khôi phục không trống[\s\S]*FeedbackMessage: 1[\s\S]*--force/);
    expect(refused.stderr).toContain(NOTHING_CHANGED);
    expect(await fingerprint(target)).toEqual(before);

    const forced = await cli(target, ["restore", "--from", archive, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await rowCounts(target.db)).toEqual(await rowCounts(source.db));
    expect(await sql(target.db, `SELECT name, message FROM "FeedbackMessage"`)).toEqual([{ name: "Người gửi", message: TRICKY_TEXT }]);
    expect(await sql(target.db, `SELECT * FROM "User"`)).toEqual(await sql(source.db, `SELECT * FROM "User"`));
    expect(uploadHashes(target.uploads)).toEqual(uploadHashes(source.uploads));
  });

  it("upgrades an archive of an older schema with the pending migrations, into a database already at this version", async () => {
    const old = await newSite("empty");
    const oldMigrations = fs.mkdtempSync(path.join(WORK, "migrations-"));
    fs.cpSync(path.join(POSTGRES_MIGRATIONS_DIR, KNOWN[0]!), path.join(oldMigrations, KNOWN[0]!), { recursive: true });
    await migratePostgres(old.url, oldMigrations);
    await sql(old.db, `INSERT INTO "Category" (name, slug, "updatedAt") VALUES ('Tin cũ', 'tin-cu', now())`);
    const out = path.join(old.dir, "old.tar.gz");
    expect((await cli(old, ["backup", "--out", out])).code).toBe(0);

    const target = await newSite("empty");
    await migratePostgres(target.url); // as the site's first start leaves it: every table, no rows
    const run = await cli(target, ["restore", "--from", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Đã áp dụng migration mới: ${KNOWN.slice(1).join(", ")}`);
    expect((await sql(target.db, `SELECT migration_name FROM _prisma_migrations ORDER BY 1`)).map((m) => m.migration_name)).toEqual(KNOWN);
    expect(await sql(target.db, `SELECT name FROM "Category"`)).toEqual([{ name: "Tin cũ" }]);
  });
});
