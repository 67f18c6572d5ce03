// npm run cli -- demo:generate on PostgreSQL: the real command on a copy of the seeded template
// database, its photos in the database file store (FILE_STORE's default there), read back through
// an app on the same database and store.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { runCli } from "../helpers/cli.js";
import { buildArticle } from "../helpers/factories.js";
import { indexRows } from "../helpers/search-index.js";
import { photoKeys } from "../../src/services/media.js";

const cli = (t: TestApp, args: string[]) => runCli({ databaseUrl: t.config.databaseUrl, uploadDir: t.config.uploadDir }, args);

async function generatedKeys(t: TestApp): Promise<string[]> {
  const photos = await t.prisma.photo.findMany({ where: { generated: true } });
  return photos.flatMap((p) => photoKeys(p.fileKey, p.widths.split(",").map(Number)));
}

describe("demo:generate on PostgreSQL", () => {
  it("generates articles that search finds and photos the database store serves, refuses staff content without --force, and removes exactly what it made", { timeout: 240_000 }, async () => {
    const t = await createTestApp({ env: { FILE_STORE: "database" } });
    const seedArticles = await t.prisma.article.findMany({ where: { origin: "seed" }, orderBy: { id: "asc" } });
    expect(seedArticles).toHaveLength(2);

    const run = await cli(t, ["demo:generate", "--articles", "30"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Đã tạo 30 bài viết tự sinh");
    const articles = await t.prisma.article.findMany({ where: { origin: "generated", status: "published" } });
    expect(articles).toHaveLength(30);
    const keys = await generatedKeys(t);
    expect(keys).toHaveLength(48);
    expect(await t.prisma.storedFile.count({ where: { key: { in: keys } } })).toBe(48);

    const indexed = new Set((await indexRows(t.prisma)).map((r) => r.id));
    expect(articles.every((a) => indexed.has(a.id))).toBe(true);
    const res = await request(t.app).get("/tim-kiem").query({ q: articles[0]!.title });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`href="/tin-tuc/${articles[0]!.slug}"`);
    const image = await request(t.app).get(`/uploads/${keys[0]}`);
    expect(image.status).toBe(200);

    // A staff article (in the trash) stops a second run, which writes nothing; --force goes ahead.
    const staff = await buildArticle(t.prisma, { title: "Bài của cán bộ", deletedAt: new Date() });
    const refused = await cli(t, ["demo:generate", "--articles", "5"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("Không có gì bị thay đổi.");
    expect(await t.prisma.article.count({ where: { origin: "generated" } })).toBe(30);
    const forced = await cli(t, ["demo:generate", "--articles", "5", "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await t.prisma.article.count({ where: { origin: "generated" } })).toBe(35);

    const removed = await cli(t, ["demo:generate", "--remove"]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain("Đã xoá 35 bài viết tự sinh và 8 ảnh tự sinh (48 tệp)");
    expect(await t.prisma.article.count({ where: { origin: "generated" } })).toBe(0);
    expect(await t.prisma.photo.count({ where: { generated: true } })).toBe(0);
    expect(await t.prisma.storedFile.count({ where: { key: { in: keys } } })).toBe(0);
    const left = await t.prisma.article.findMany({ orderBy: { id: "asc" } });
    expect(left.map((a) => a.id)).toEqual([...seedArticles.map((a) => a.id), staff.id]);
    const stillIndexed = (await indexRows(t.prisma)).map((r) => r.id);
    expect(stillIndexed.every((id) => seedArticles.some((a) => a.id === id))).toBe(true);
  });
});
