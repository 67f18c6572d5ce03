// npm run cli -- demo:generate: generated articles for benchmarks, run as a real process against a
// copy of the seeded template database and uploads folder, then read through the app (supertest).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { runCli } from "../helpers/cli.js";
import { buildArticle } from "../helpers/factories.js";
import { TMP_DIR } from "../helpers/paths.js";
import { indexRows } from "../helpers/search-index.js";
import { parseDemoArgs } from "../../src/demo/generate.js";
import { photoKeys } from "../../src/services/media.js";

const SLOW = 180_000;
const cli = (t: TestApp, args: string[]) => runCli({ databaseUrl: t.config.databaseUrl, uploadDir: t.config.uploadDir }, args);
const generated = (t: TestApp) => t.prisma.article.findMany({ where: { origin: "generated" }, include: { photos: true } });
const stripTags = (html: string) => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
const resultTitles = (html: string) => [...html.matchAll(/<h3 class="result-title"><a href="[^"]+">([\s\S]*?)<\/a><\/h3>/g)].map((m) => stripTags(m[1]!));

async function photoFiles(t: TestApp, where: { generated?: boolean; id?: number }) {
  const photos = await t.prisma.photo.findMany({ where });
  return photos.flatMap((p) => photoKeys(p.fileKey, p.widths.split(",").map(Number))).map((key) => path.join(t.config.uploadDir, key));
}

/** Everything a refused run must leave as it was. */
async function snapshot(t: TestApp) {
  return {
    articles: await t.prisma.article.findMany({ orderBy: { id: "asc" } }),
    photos: await t.prisma.photo.count(),
    links: await t.prisma.articlePhoto.count(),
    audit: await t.prisma.auditLog.count(),
    index: (await indexRows(t.prisma)).length,
    uploads: fs.readdirSync(t.config.uploadDir).sort(),
  };
}

describe("demo:generate --articles N", () => {
  it("on the seed site makes N published articles with photos, in the categories, findable through the site's search", { timeout: SLOW }, async () => {
    const t = await createTestApp();
    const started = Date.now();
    const run = await cli(t, ["demo:generate", "--articles", "50"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Đã tạo 50 bài viết tự sinh \(\d+ bài có ảnh, dùng chung 8 ảnh\)/);
    expect(run.stderr).toContain("bài đã tạo: 50/50");

    const articles = await generated(t);
    expect(articles).toHaveLength(50);
    const categories = new Set((await t.prisma.category.findMany()).map((c) => c.id));
    const tenYears = 10 * 366 * 24 * 3600_000;
    for (const a of articles) {
      expect([a.status, a.deletedAt]).toEqual(["published", null]);
      expect(a.publishedAt!.getTime()).toBeGreaterThan(started - tenYears);
      expect(a.publishedAt!.getTime()).toBeLessThanOrEqual(Date.now());
      expect(categories.has(a.categoryId)).toBe(true);
      expect(a.title).toBe(a.title.normalize("NFC"));
      expect(a.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(a.body).toMatch(/^<p>[^<]+<\/p>(\n<p>[^<]+<\/p>){2,}/);
      expect(a.photos.length).toBeLessThanOrEqual(4);
    }
    expect(new Set(articles.map((a) => a.slug)).size).toBe(50);
    expect(articles.filter((a) => a.photos.length > 0).length).toBeGreaterThan(25);
    // Eight photos shared, each in every responsive size in the store, like an upload.
    expect(await t.prisma.photo.count({ where: { generated: true } })).toBe(8);
    const files = await photoFiles(t, { generated: true });
    expect(files).toHaveLength(48);
    for (const file of files) expect(fs.existsSync(file), file).toBe(true);

    // Every one is in the search index, and found by its title through the public search page.
    const indexed = new Set((await indexRows(t.prisma)).map((r) => r.id));
    expect(articles.every((a) => indexed.has(a.id))).toBe(true);
    for (const a of articles.slice(0, 3)) {
      const res = await request(t.app).get("/tim-kiem").query({ q: a.title });
      expect(res.status).toBe(200);
      expect(resultTitles(res.text)).toContain(a.title);
    }
    const common = await request(t.app).get("/tim-kiem").query({ q: "cai cach" });
    expect(Number(/Tìm thấy <strong>([\d.]+)<\/strong>/.exec(common.text)?.[1]?.replace(".", ""))).toBeGreaterThan(25);

    // An article with photos shows them as figures whose files are served.
    const withPhotos = articles.find((a) => a.photos.length > 0)!;
    const page = await request(t.app).get(`/tin-tuc/${withPhotos.slug}`);
    expect(page.status).toBe(200);
    const src = /<img[^>]+src="(\/uploads\/[^"]+)"/.exec(page.text)?.[1];
    expect(src).toBeDefined();
    const image = await request(t.app).get(src!);
    expect([image.status, image.headers["content-type"]]).toEqual([200, "image/jpeg"]);

    const entry = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "demo.generate" } });
    expect([entry.userId, entry.ip, entry.target]).toEqual([null, "dòng lệnh", "50 bài viết tự sinh"]);

    // A second run reuses the eight photos and keeps slugs unique.
    const again = await cli(t, ["demo:generate", "--articles", "20"]);
    expect(again.code, again.stderr).toBe(0);
    expect(await t.prisma.article.count({ where: { origin: "generated" } })).toBe(70);
    expect(await t.prisma.photo.count({ where: { generated: true } })).toBe(8);
  });

  it("refuses a database with staff articles (the trash too) and writes nothing; --force generates; --remove takes out exactly the generated content", { timeout: SLOW }, async () => {
    const t = await createTestApp();
    const staff = await buildArticle(t.prisma, { title: "Bài của cán bộ trong thùng rác", deletedAt: new Date() });
    const before = await snapshot(t);

    const refused = await cli(t, ["demo:generate", "--articles", "10"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("Cơ sở dữ liệu này có 1 bài viết do cán bộ viết (kể cả trong thùng rác)");
    expect(refused.stderr).toContain("--force");
    expect(refused.stderr).toContain("Không có gì bị thay đổi.");
    expect(await snapshot(t)).toEqual(before);

    // More than one batch of each kind (1,000 written, 500 removed at a time).
    const forced = await cli(t, ["demo:generate", "--articles", "1200", "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await t.prisma.article.count({ where: { origin: "generated" } })).toBe(1200);

    // A staff article that uses a generated photo keeps that photo (and its files).
    const kept = await t.prisma.photo.findFirstOrThrow({ where: { generated: true }, orderBy: { id: "asc" } });
    const user = await buildArticle(t.prisma, { title: "Bài thật dùng ảnh tự sinh" });
    await t.prisma.articlePhoto.create({ data: { articleId: user.id, photoId: kept.id, position: 0 } });
    const removedFiles = (await photoFiles(t, { generated: true })).filter((f) => !path.basename(f).startsWith(kept.fileKey));

    const removed = await cli(t, ["demo:generate", "--remove"]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain("Đã xoá 1200 bài viết tự sinh và 7 ảnh tự sinh (42 tệp)");
    expect(removed.stdout).toContain("Giữ lại 1 ảnh tự sinh");
    expect(await t.prisma.article.count({ where: { origin: "generated" } })).toBe(0);
    const left = await t.prisma.article.findMany({ orderBy: { id: "asc" } });
    expect(left.map((a) => a.id)).toEqual([...before.articles.map((a) => a.id), user.id]);
    expect(left.find((a) => a.id === staff.id)).toEqual(before.articles.find((a) => a.id === staff.id));
    expect(left.filter((a) => a.origin === "seed")).toHaveLength(2);
    expect((await t.prisma.photo.findMany({ where: { generated: true } })).map((p) => p.id)).toEqual([kept.id]);
    expect(await t.prisma.photo.count({ where: { generated: false } })).toBe(before.photos);
    for (const file of removedFiles) expect(fs.existsSync(file), file).toBe(false);
    for (const file of await photoFiles(t, { id: kept.id })) expect(fs.existsSync(file), file).toBe(true);
    for (const file of before.uploads) expect(fs.existsSync(path.join(t.config.uploadDir, file)), file).toBe(true);
    const indexed = (await indexRows(t.prisma)).map((r) => r.id);
    expect(indexed.every((id) => left.some((a) => a.id === id))).toBe(true);
    expect(await t.prisma.auditLog.count({ where: { action: "demo.remove" } })).toBe(1);
  });

  it("on a brand-new database seeds the demo page first (as npm start would), then generates", { timeout: SLOW }, async () => {
    const dir = fs.mkdtempSync(path.join(TMP_DIR, "demo-new-"));
    const site = { databaseUrl: `file:${path.join(dir, "portal.db")}`, uploadDir: path.join(dir, "uploads") };
    const run = await runCli(site, ["demo:generate", "--articles", "5"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("Cơ sở dữ liệu mới: đã nạp nội dung mẫu");
    const db = new Database(path.join(dir, "portal.db"), { readonly: true });
    try {
      expect(db.prepare(`SELECT origin, count(*) AS n FROM "Article" GROUP BY origin ORDER BY origin`).all()).toEqual([
        { origin: "generated", n: 5 },
        { origin: "seed", n: 2 },
      ]);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses bad arguments with a message and the usage, writing nothing", { timeout: SLOW }, async () => {
    const t = await createTestApp();
    const before = await t.prisma.article.count();
    const cases: [string[], RegExp][] = [
      [["--articles", "0"], /--articles: "0" không hợp lệ/],
      [["--articles", "-5"], /không hợp lệ/],
      [["--articles", "abc"], /--articles: "abc" không hợp lệ; cần một số nguyên dương, tối đa 1\.000\.000/],
      [["--articles", "1000001"], /--articles: "1000001" không hợp lệ/],
      [["--articles", "2.5"], /--articles: "2.5" không hợp lệ/],
      [[], /--articles: cần số bài viết cần tạo/],
      [["--remove", "--articles", "5"], /--remove không đi cùng --articles/],
      [["--bai", "5"], /Tham số không hợp lệ/],
    ];
    // Each case through the command's own parser (a process takes seconds to start), then one for real.
    for (const [args, message] of cases) expect(() => parseDemoArgs(args, "Cách dùng: …"), args.join(" ")).toThrow(message);
    expect(parseDemoArgs(["--articles", "1000000", "--force"], "")).toEqual({ remove: false, articles: 1_000_000, force: true });
    const run = await cli(t, ["demo:generate", "--articles", "abc"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(cases[2]![1]);
    expect(run.stderr).toContain("Cách dùng:");
    expect(run.stderr).toContain("npm run cli -- demo:generate --articles N [--force]");
    expect(await t.prisma.article.count()).toBe(before);
  });
});
