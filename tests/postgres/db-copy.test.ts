import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed.js";
import { MAIN_ARTICLE } from "../../prisma/seed-data.js";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createPrisma, type PrismaClient } from "../../src/db.js";
import { migrateSqlite } from "../../src/db/migrate.js";
import { migratePostgres } from "../../src/db/migrate-postgres.js";
import { Prisma } from "../../src/generated/prisma/client.js";
import { createLogger } from "../../src/logger.js";
import { runShutdownHooks } from "../../src/lib/shutdown.js";
import { createLocalFileStore } from "../../src/services/file-store-local.js";
import { createPhoto } from "../../src/services/media.js";
import { buildArticle } from "../helpers/factories.js";
import { png } from "../helpers/images.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";
import { createDatabase, databaseUrl, dropDatabase } from "../helpers/postgres.js";
import { REPO_ROOT, signIn, startServer, type ServerProcess } from "../helpers/server-process.js";

// npm run cli -- db:copy: a SQLite site (the demo seed plus a user, an article with photos, feedback,
// visits, a session and a login failure) copied into an empty PostgreSQL database, then served from
// there by the real server with the database file store.

const BOT = { "user-agent": "kiem-thu bot" };
const SECRET = "db-copy-secret-db-copy-secret";
const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

async function runCopy(dir: string, to: string, ...flags: string[]) {
  const env = {
    PATH: process.env["PATH"] ?? "",
    HOME: process.env["HOME"] ?? "",
    NODE_ENV: "test",
    DATABASE_URL: `file:${path.join(dir, "portal.db")}`,
    UPLOAD_DIR: path.join(dir, "uploads"),
    SESSION_SECRET: SECRET,
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli.ts", "db:copy", "--to", to, ...flags], { cwd: REPO_ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every table's row count and the migrations applied: what "untouched" means for a target. */
async function fingerprint(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    const counts: Record<string, number> = {};
    for (const { name } of rows) counts[name] = Number((await client.query(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

const MODELS = Object.values(Prisma.ModelName);
const delegate = (prisma: PrismaClient, model: string) =>
  (prisma as unknown as Record<string, { count(): Promise<number> }>)[model[0]!.toLowerCase() + model.slice(1)]!;

const headline = (html: string) => /<section class="featured"[\s\S]*?class="card-title"><a href="[^"]+">([^<]+)<\/a>/.exec(html)?.[1];

describe("db:copy from SQLite to an empty PostgreSQL database", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-db-copy-"));
  const databases: string[] = [];
  let sqlite: PrismaClient;
  let target: string;
  let pgPrisma: PrismaClient;
  let server: ServerProcess;
  let copy: Awaited<ReturnType<typeof runCopy>>;
  let user: { email: string };
  const before = { headline: "", visits: 0, maxArticleId: 0 };
  let indexedByCopy = 0;

  beforeAll(async () => {
    const dbFile = path.join(dir, "portal.db");
    const uploadDir = path.join(dir, "uploads");
    migrateSqlite(dbFile);
    sqlite = createPrisma({ databaseUrl: `file:${dbFile}`, databaseKind: "sqlite" });
    const store = createLocalFileStore(uploadDir);
    const media = { store, maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 };
    await seedDemo(sqlite, media);
    // What a site gathers over time, beyond the seed.
    user = await buildUser(sqlite, { role: "editor" });
    const category = await sqlite.category.findFirstOrThrow({ orderBy: { position: "asc" } });
    const article = await buildArticle(sqlite, { title: "Cần Thơ chuyển trang sang PostgreSQL", categoryId: category.id, createdById: (await sqlite.user.findFirstOrThrow()).id });
    for (const [position, width] of [640, 800].entries()) {
      const photo = await createPhoto(sqlite, await png(width, 400), { caption: `Ảnh chép số ${position + 1}`, alt: "", credit: "Phòng CCHC" }, media);
      await sqlite.articlePhoto.create({ data: { articleId: article.id, photoId: photo.id, position } });
    }
    await sqlite.feedbackMessage.create({ data: { name: "Nguyễn Văn A", email: "a@example.vn", subject: "Góp ý", message: "Trang rất hữu ích." } });
    await sqlite.visitDay.create({ data: { day: "2026-11-30", count: 321 } });
    await sqlite.session.create({ data: { sid: "phien-thu", data: "{}", expiresAt: new Date(Date.now() + 3_600_000) } });
    await sqlite.loginAttempt.create({ data: { email: user.email, ip: "10.0.0.1" } });
    before.maxArticleId = (await sqlite.article.aggregate({ _max: { id: true } }))._max.id!;

    // The SQLite site as visitors see it, before the copy.
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: `file:${dbFile}`, UPLOAD_DIR: uploadDir, SESSION_SECRET: SECRET }, dir);
    const app = createApp({ config, prisma: sqlite, logger: createLogger(config) });
    before.headline = headline((await request(app).get("/").set(BOT)).text) ?? "";
    before.visits = (await request(app).get("/api/visits")).body.total;
    await runShutdownHooks(app, () => {});

    target = await createDatabase("cchc_test_copy");
    databases.push(target);
    copy = await runCopy(dir, databaseUrl(target));
    pgPrisma = createPrisma({ databaseUrl: databaseUrl(target), databaseKind: "postgresql", databasePoolSize: 2 });
    if (copy.code === 0) {
      // Before any server starts (a server rebuilds an empty index by itself).
      indexedByCopy = Number((await pgPrisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "ArticleSearch"`)[0]!.n);
      server = await startServer(
        { dbFile: path.join(dir, "unused.db"), uploadDir: path.join(dir, "pg-uploads") },
        { DATABASE_URL: databaseUrl(target), FILE_STORE: "database", FILE_CACHE_DIR: path.join(dir, "cache"), SESSION_SECRET: SECRET },
      );
    }
  }, 180_000);

  afterAll(async () => {
    server?.process.kill("SIGTERM");
    await server?.exited;
    await sqlite?.$disconnect();
    await pgPrisma?.$disconnect();
    for (const name of databases) await dropDatabase(name);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("copies every table, shows its progress, verifies and prints a summary", async () => {
    expect(copy.code, copy.stderr).toBe(0);
    expect(copy.stderr).toMatch(/^ {2}Article: 3\/3$/m);
    const files = fs.readdirSync(path.join(dir, "uploads")).sort();
    expect(copy.stderr).toContain(`\n  tệp: ${files.length}/${files.length}\n`);
    expect(copy.stdout).toContain("Chỉ mục tìm kiếm: 3 bài. Kiểm tra: số dòng từng bảng và sha256 từng tệp đều khớp.");
    expect(indexedByCopy).toBe(3);
    expect(copy.stdout).toMatch(/không chép Session \(1 dòng\): thêm --sessions để chép/);
    expect(copy.stdout).toMatch(/không chép LoginAttempt \(1 dòng\)/);
    for (const model of MODELS) {
      const expected = ["Session", "LoginAttempt", "RateLimitHit", "StoredFile"].includes(model) ? 0 : await delegate(sqlite, model).count();
      if (model === "StoredFile") continue;
      expect(await delegate(pgPrisma, model).count(), model).toBe(expected);
    }
    // Every file of the uploads folder, byte for byte.
    const stored = await pgPrisma.storedFile.findMany({ orderBy: { key: "asc" } });
    expect(stored.map((f) => f.key)).toEqual(files);
    for (const file of stored) expect(sha256(Buffer.from(file.bytes)), file.key).toBe(sha256(fs.readFileSync(path.join(dir, "uploads", file.key))));
  });

  it("serves the same site from PostgreSQL: headline, the article with its photos, search, visits", async () => {
    const home = await (await fetch(`${server.base}/`, { headers: BOT })).text();
    expect(headline(home)).toBe(MAIN_ARTICLE.title);
    expect(headline(home)).toBe(before.headline);

    const slug = "thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";
    const page = await fetch(`${server.base}/tin-tuc/${slug}`, { headers: BOT });
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const caption of MAIN_ARTICLE.captions) expect(html).toContain(caption);
    const photos = [...new Set(html.match(/\/uploads\/[0-9a-f]{24}-\d+\.(?:jpg|webp)/g) ?? [])];
    expect(photos.length).toBeGreaterThanOrEqual(8);
    for (const url of photos) {
      const res = await fetch(server.base + url);
      expect(res.status, url).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(fs.readFileSync(path.join(dir, "uploads", path.basename(url)))), url).toBe(true);
    }

    // Every copied article mentions Cần Thơ: the rebuilt index finds all three, with or without diacritics.
    const copiedSlugs = (await sqlite.article.findMany({ select: { slug: true } })).map((a) => a.slug);
    for (const q of ["Cần Thơ", "can tho"]) {
      const search = await (await fetch(`${server.base}/tim-kiem?q=${encodeURIComponent(q)}`, { headers: BOT })).text();
      expect(search, q).toContain(`Tìm thấy <strong>${copiedSlugs.length}</strong> bài viết`);
      for (const copied of copiedSlugs) expect(search, q).toContain(`class="result-title"><a href="/tin-tuc/${copied}"`);
    }

    const visits = (await (await fetch(`${server.base}/api/visits`)).json()) as { total: number };
    expect(visits.total).toBe(before.visits);
    expect(visits.total).toBeGreaterThanOrEqual(127627 + 321);
  });

  it("lets the copied user sign in, and gives a new article an id above the copied ones", async () => {
    const { browser, csrf } = await signIn(server.base, user.email, TEST_PASSWORD);
    const category = await pgPrisma.category.findFirstOrThrow({ orderBy: { position: "asc" } });
    const form = { title: "Tin đầu tiên trên PostgreSQL", summary: "Tóm tắt.", body: "<p>Nội dung.</p>", categoryId: String(category.id), status: "published" };
    const created = await browser.postForm("/admin/articles", form, { accept: "application/json", "x-csrf-token": csrf });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect(id).toBe(before.maxArticleId + 1);
    // A new photo too: the Photo sequence continues and the file lands in the database store.
    const upload = new FormData();
    upload.append("file", new Blob([new Uint8Array(await png(500, 300))], { type: "image/png" }), "moi.png");
    const photo = await browser.fetch("/admin/media", { method: "POST", body: upload, headers: { accept: "application/json", "x-csrf-token": csrf } });
    expect(photo.status).toBe(201);
    expect(((await photo.json()) as { id: number }).id).toBe((await sqlite.photo.count()) + 1);
  });

  it("refuses a target where any table has rows, and leaves it exactly as it was", async () => {
    const copied = await fingerprint(databaseUrl(target));
    const again = await runCopy(dir, databaseUrl(target));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/không trống: .*Article \(\d+ dòng\).*không có gì bị thay đổi/);
    expect(await fingerprint(databaseUrl(target))).toEqual(copied);

    // A migrated database holding a single row anywhere.
    const oneRow = await createDatabase("cchc_test_copy");
    databases.push(oneRow);
    await migratePostgres(databaseUrl(oneRow));
    const client = new pg.Client({ connectionString: databaseUrl(oneRow) });
    await client.connect();
    await client.query(`INSERT INTO "VisitDay" ("day", "count") VALUES ('2020-01-01', 1)`);
    await client.end();
    const oneRowBefore = await fingerprint(databaseUrl(oneRow));
    const refused = await runCopy(dir, databaseUrl(oneRow));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("không trống: VisitDay (1 dòng)");
    expect(await fingerprint(databaseUrl(oneRow))).toEqual(oneRowBefore);

    // Another application's database: not even the migrations are applied.
    const foreign = await createDatabase("cchc_test_copy");
    databases.push(foreign);
    const other = new pg.Client({ connectionString: databaseUrl(foreign) });
    await other.connect();
    await other.query(`CREATE TABLE ghi_chu (noi_dung text); INSERT INTO ghi_chu VALUES ('của ứng dụng khác')`);
    await other.end();
    const foreignRefused = await runCopy(dir, databaseUrl(foreign));
    expect(foreignRefused.code).toBe(1);
    expect(foreignRefused.stderr).toContain("không trống: ghi_chu (1 dòng)");
    expect(await fingerprint(databaseUrl(foreign))).toEqual({ ghi_chu: 1 });
  });

  it("copies sessions with --sessions, and refuses a non-PostgreSQL target address", async () => {
    const withSessions = await createDatabase("cchc_test_copy");
    databases.push(withSessions);
    const result = await runCopy(dir, databaseUrl(withSessions), "--sessions");
    expect(result.code, result.stderr).toBe(0);
    const counts = await fingerprint(databaseUrl(withSessions));
    expect(counts["Session"]).toBe(await sqlite.session.count());
    expect(counts["LoginAttempt"]).toBe(0);

    const wrong = await runCopy(dir, "mysql://localhost/cchc");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("--to: cần địa chỉ PostgreSQL");
  });
});
