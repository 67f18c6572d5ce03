import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type PrismaClient } from "../../src/db.js";
import { buildArticle } from "../helpers/factories.js";
import { png } from "../helpers/images.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";
import { createDatabase, databaseUrl, dropDatabase } from "../helpers/postgres.js";
import { Browser, BROWSER_UA, signIn, startServer, type ServerProcess } from "../helpers/server-process.js";
import { eventually } from "../helpers/eventually.js";

// Two real server processes on one PostgreSQL database behave as one site (issue 7). Each has its
// own uploads folder and file cache, as two machines would; files live in the database store.
describe("two instances on one PostgreSQL database", () => {
  let database: string;
  let prisma: PrismaClient;
  let a: ServerProcess;
  let b: ServerProcess;
  const dirs: string[] = [];

  beforeAll(async () => {
    database = await createDatabase("cchc_test_instances");
    const env = { DATABASE_URL: databaseUrl(database), DATABASE_POOL_SIZE: "4" };
    const instance = () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-instance-"));
      dirs.push(dir);
      return startServer(
        { dbFile: path.join(dir, "unused.db"), uploadDir: path.join(dir, "uploads") },
        { ...env, FILE_CACHE_DIR: path.join(dir, "file-cache") },
      );
    };
    // Started together on an empty database: migrations and the demo seed happen once.
    [a, b] = await Promise.all([instance(), instance()]);
    prisma = createPrisma({ databaseUrl: databaseUrl(database), databaseKind: "postgresql", databasePoolSize: 2 });
  }, 120_000);

  afterAll(async () => {
    for (const server of [a, b]) {
      server?.process.kill("SIGTERM");
      await server?.exited;
    }
    await prisma?.$disconnect();
    await dropDatabase(database);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const page = async (server: ServerProcess, pathname: string) => (await fetch(server.base + pathname, { headers: { "user-agent": "kiem-thu bot" } })).text();

  it("seeded the demo content once and applied each migration once", async () => {
    expect(await prisma.siteSettings.count()).toBe(1);
    expect(await prisma.article.count({ where: { slug: "thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016" } })).toBe(1);
    const migrations = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "_prisma_migrations" GROUP BY migration_name HAVING count(*) > 1`;
    expect(migrations).toEqual([]);
  });

  it("a photo uploaded through one instance is served by the other; its deletion reaches the other's cache", async () => {
    const [dirA, dirB] = dirs as [string, string];
    const seeded = await prisma.photo.findFirstOrThrow({ orderBy: { id: "asc" } });
    for (const server of [a, b]) expect((await fetch(`${server.base}/uploads/${seeded.fileKey}-480.jpg`)).status, server.base).toBe(200);

    const user = await buildUser(prisma, { role: "editor" });
    const { browser, csrf } = await signIn(a.base, user.email, TEST_PASSWORD);
    const form = new FormData();
    form.append("caption", "Ảnh tải lên ở máy A");
    form.append("file", new Blob([new Uint8Array(await png(900, 600))], { type: "image/png" }), "may-a.png");
    const uploaded = await browser.fetch("/admin/media", { method: "POST", body: form, headers: { accept: "application/json", "x-csrf-token": csrf } });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: number };
    const photo = await prisma.photo.findUniqueOrThrow({ where: { id } });
    const keys = [`${photo.fileKey}-480.jpg`, `${photo.fileKey}-900.webp`];
    for (const key of keys) {
      const stored = await prisma.storedFile.findUniqueOrThrow({ where: { key } });
      const onB = await fetch(`${b.base}/uploads/${key}`);
      expect(onB.status).toBe(200);
      expect(Buffer.from(await onB.arrayBuffer()).equals(Buffer.from(stored.bytes))).toBe(true);
      // Both instances name the same version of the file, so a browser's 304 holds on either.
      const onA = await fetch(`${a.base}/uploads/${key}`);
      expect(onA.headers.get("etag")).toBe(onB.headers.get("etag"));
      await onA.arrayBuffer();
    }
    expect(fs.readdirSync(path.join(dirB, "file-cache"))).toEqual(expect.arrayContaining(keys));
    // Neither instance keeps files in its uploads folder.
    expect([...fs.readdirSync(path.join(dirA, "uploads")), ...fs.readdirSync(path.join(dirB, "uploads"))]).toEqual([]);

    const deleted = await browser.fetch(`/admin/media/${id}/delete`, { method: "POST", headers: { accept: "application/json", "x-csrf-token": csrf } });
    expect(deleted.status).toBe(200);
    for (let i = 0; i < 100 && fs.readdirSync(path.join(dirB, "file-cache")).some((f) => f.startsWith(photo.fileKey)); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    for (const key of keys) {
      const onB = await fetch(`${b.base}/uploads/${key}`, { headers: { "user-agent": BROWSER_UA } });
      expect(onB.status).toBe(404);
      expect(await onB.text()).toContain("Không tìm thấy trang bạn yêu cầu.");
    }
  });

  it("a session made on one instance works on the other", async () => {
    const user = await buildUser(prisma, { role: "editor" });
    const { browser } = await signIn(a.base, user.email, TEST_PASSWORD);
    const onB = await fetch(`${b.base}/admin`, { headers: { cookie: browser.cookieHeader() }, redirect: "manual" });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain(user.name);
  });

  it("a publish, an edit, an unpublish and a settings change on one are shown by the other on its next request", async () => {
    const user = await buildUser(prisma, { role: "editor" });
    const { browser, csrf } = await signIn(a.base, user.email, TEST_PASSWORD);
    const category = await prisma.category.findFirstOrThrow({ orderBy: { position: "asc" } });
    const json = { accept: "application/json", "x-csrf-token": csrf };
    const form = { title: "Tin đăng ở máy A", summary: "Tóm tắt.", body: "<p>Nội dung.</p>", categoryId: String(category.id), status: "published", ticker: "on" };

    expect(await page(b, "/")).not.toContain("Tin đăng ở máy A"); // B caches its home page now
    const created = await browser.postForm("/admin/articles", form, json);
    expect(created.status).toBe(201);
    const { id, publicUrl, version } = (await created.json()) as { id: number; publicUrl: string; version: number };
    expect(await page(b, "/")).toContain("Tin đăng ở máy A");
    expect(publicUrl).toMatch(/^\/tin-tuc\/tin-dang-o-may-a/);
    expect(await page(b, publicUrl)).toContain("Nội dung.");

    const edited = await browser.postForm(`/admin/articles/${id}`, { ...form, title: "Tin đã sửa ở máy A", version: String(version) }, json);
    expect(edited.status).toBe(200);
    const home = await page(b, "/");
    expect(home).toContain("Tin đã sửa ở máy A");
    expect(home).not.toContain("Tin đăng ở máy A");

    const unpublished = await browser.postForm(`/admin/articles/${id}`, { ...form, title: "Tin đã sửa ở máy A", status: "draft", version: String(version + 1) }, json);
    expect(unpublished.status).toBe(200);
    expect(await page(b, "/")).not.toContain("Tin đã sửa ở máy A");

    const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } });
    const { id: _id, updatedAt: _u, bannerPhotoId, requireTwoFactor: _r, ...fields } = settings;
    const admin = await buildUser(prisma, { role: "admin" });
    const adminSession = await signIn(a.base, admin.email, TEST_PASSWORD);
    const saved = await adminSession.browser.postForm(
      "/admin/settings",
      { ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])), bannerPhotoId: bannerPhotoId ? String(bannerPhotoId) : "", siteName: "Cổng CCHC trên hai máy" },
      { accept: "application/json", "x-csrf-token": adminSession.csrf },
    );
    expect(saved.status).toBe(200);
    expect(await page(b, "/lien-he")).toContain("Cổng CCHC trên hai máy");
  });

  it("N new visitors spread over both instances add exactly N", async () => {
    const stats = async () => (await (await fetch(`${a.base}/api/visits`)).json()) as { today: number; total: number };
    const before = await stats();
    const visitors = 40;
    const answers = await Promise.all(
      Array.from({ length: visitors }, (_, i) => fetch(`${(i % 2 ? a : b).base}/`, { headers: { "user-agent": BROWSER_UA } })),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    // Each instance stores its counts every second and reads the other's as often: shown within ~2 s.
    const after = await eventually(stats, (now) => now.today - before.today >= visitors, 5000);
    expect(after.today - before.today).toBe(visitors);
    expect(after.total - before.total).toBe(visitors);
  });

  it("the login throttle counts failures made on either instance", async () => {
    const user = await buildUser(prisma, { role: "author" });
    const wrong = async (server: ServerProcess) => {
      const browser = new Browser(server.base);
      const _csrf = await browser.csrfFrom("/admin/login");
      return (await browser.postForm("/admin/login", { email: user.email, password: "sai-mat-khau-roi", _csrf })).status;
    };
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push(await wrong(i % 2 ? a : b));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(await wrong(a)).toBe(429);
  });

  it("the contact form's limit counts messages sent to either instance", async () => {
    const send = async (server: ServerProcess, i: number) => {
      const browser = new Browser(server.base);
      const _csrf = await browser.csrfFrom("/lien-he");
      const fields = { _csrf, name: "Nguyễn Văn A", email: "a@example.vn", phone: "", subject: `Góp ý ${i}`, message: "Nội dung góp ý đủ dài để được nhận.", website: "" };
      return (await browser.postForm("/lien-he", fields)).status;
    };
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push(await send(i % 2 ? a : b, i));
    expect(statuses.slice(0, 5).every((s) => s === 303)).toBe(true);
    expect(statuses[5]).toBe(429);
  });

  it("a scheduled article goes live on both at its time, once", async () => {
    const category = await prisma.category.findFirstOrThrow({ orderBy: { position: "asc" } });
    const due = new Date(Date.now() + 3000);
    await page(a, "/");
    await page(b, "/");
    const article = await buildArticle(prisma, { title: "Tin hẹn giờ trên hai máy", categoryId: category.id, publishedAt: due });
    // Pages cached before the article existed do not know its time: a change announcement does.
    await prisma.$executeRaw`SELECT pg_notify('cchc_content_changed', 'test')`;
    expect(await page(a, "/")).not.toContain(article.title);
    expect(await page(b, "/")).not.toContain(article.title);
    await new Promise((r) => setTimeout(r, due.getTime() - Date.now() + 200));
    for (const server of [a, b]) {
      const home = await page(server, "/");
      expect(home.split(`/tin-tuc/${article.slug}"`).length - 1, server.base).toBeGreaterThanOrEqual(1);
      const rss = await page(server, "/rss.xml");
      expect(rss.split(`/tin-tuc/${article.slug}</link>`).length - 1, server.base).toBe(1);
    }
  });
});
