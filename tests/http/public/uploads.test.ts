import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { signedIn } from "../../helpers/articles.js";
import { png, uploadedFiles } from "../../helpers/images.js";
import { createFileStore } from "../../../src/services/file-store.js";

// Stored files at /uploads/<key> through the file store (FILE_STORE): the local folder, and the
// database with a disk cache per instance. Run on SQLite and again on PostgreSQL.

const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");
const THIRTY_DAYS = "public, max-age=2592000, immutable";

async function expectServed(t: TestApp, key: string, bytes: Buffer, type: string) {
  const res = await request(t.app).get(`/uploads/${key}`).set("User-Agent", BROWSER_UA).expect(200);
  expect(res.headers["content-type"]).toBe(type);
  expect(res.headers["cache-control"]).toBe(THIRTY_DAYS);
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  expect(res.headers["last-modified"]).toBeDefined();
  expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
  // A browser that has it asks again with its ETag or date and gets 304, nothing re-sent.
  await request(t.app).get(`/uploads/${key}`).set("If-None-Match", res.headers["etag"]!).expect(304);
  await request(t.app).get(`/uploads/${key}`).set("If-Modified-Since", res.headers["last-modified"]!).expect(304);
}

async function expectMissing(t: TestApp, url: string) {
  const res = await request(t.app).get(url).set("User-Agent", BROWSER_UA);
  expect(res.status, url).toBe(404);
  expect(res.text, url).toContain("Không tìm thấy trang bạn yêu cầu.");
  expect(res.headers["content-type"], url).toMatch(/^text\/html/);
}

// Names a hostile client or a buggy caller might use to reach outside the folder or the cache.
const HOSTILE_KEYS = ["../portal.db", "..", ".", "", "a/b.jpg", "a\\b.jpg", "/etc/passwd", ".hidden.jpg", "x.jpg/..", "x.jpg\0.png", "x..jpg", "Ảnh.jpg"];

describe("the local file store (FILE_STORE=local)", () => {
  it("serves a seeded photo from UPLOAD_DIR with immutable caching, its type, ETag and 304", async () => {
    const t = await createTestApp();
    const photo = await t.prisma.photo.findFirstOrThrow({ where: { isPlaceholder: true }, orderBy: { id: "asc" } });
    for (const ext of ["jpg", "webp"]) {
      const key = `${photo.fileKey}-480.${ext}`;
      await expectServed(t, key, fs.readFileSync(path.join(t.config.uploadDir, key)), ext === "jpg" ? "image/jpeg" : "image/webp");
    }
  });

  it("answers hostile and unknown names with the 404 page, never a file outside the folder", async () => {
    const t = await createTestApp();
    // A file right beside the uploads folder (where the SQLite database is), and a hidden one inside.
    fs.writeFileSync(path.join(t.dir, "bi-mat.jpg"), "bí mật");
    fs.writeFileSync(path.join(t.config.uploadDir, ".hidden.jpg"), "bí mật");
    for (const url of [
      "/uploads/..%2Fbi-mat.jpg",
      "/uploads/%2e%2e%2fbi-mat.jpg",
      "/uploads/..%5Cbi-mat.jpg",
      "/uploads/..%2Fportal.db",
      "/uploads/.hidden.jpg",
      "/uploads/%2Fetc%2Fpasswd",
      "/uploads/0123456789abcdef01234567-960.jpg",
      "/uploads/0123456789abcdef01234567-960.jpg%00.png",
      "/uploads/",
    ]) {
      await expectMissing(t, url);
    }
  });

  it("refuses hostile keys inside the store itself: nothing is written anywhere", async () => {
    const t = await createTestApp();
    const store = createFileStore(t.config, t.prisma);
    const before = fs.readdirSync(t.dir);
    for (const key of HOSTILE_KEYS) {
      await expect(store.put(key, Buffer.from("x"), "image/jpeg"), key).rejects.toThrow(/Tên tệp lưu trữ không hợp lệ/);
      expect(await store.open(key), key).toBeNull();
      expect(await store.read(key), key).toBeNull();
    }
    // A type that disagrees with the name is refused too: it would be served as another type.
    await expect(store.put("anh-1.jpg", Buffer.from("x"), "text/html")).rejects.toThrow(/không khớp/);
    expect(fs.readdirSync(t.dir)).toEqual(before);
    expect(uploadedFiles(t.config.uploadDir).filter((f) => f.includes("anh-1"))).toEqual([]);
  });
});

describe("the database file store (FILE_STORE=database)", () => {
  const databaseStore = async (role: "editor" | "admin" = "editor") => {
    const session = await signedIn(role, { env: { FILE_STORE: "database", FILE_CACHE_DIR: "cache" } });
    const cacheDir = path.join(session.t.dir, "cache");
    return { ...session, cacheDir };
  };

  it("keeps an uploaded photo's files in the database, serves them, and serves them again after the cache is gone", async () => {
    const { t, agent, csrf, cacheDir } = await databaseStore();
    const before = uploadedFiles(t.config.uploadDir);
    const res = await agent
      .post("/admin/media")
      .set("accept", "application/json")
      .field("_csrf", csrf)
      .field("caption", "Ảnh lưu trong cơ sở dữ liệu")
      .attach("file", await png(1000, 600), "csdl.png")
      .expect(201);
    const photo = await t.prisma.photo.findUniqueOrThrow({ where: { id: res.body.id } });
    const keys = ["480", "960", "1000"].flatMap((w) => [`${photo.fileKey}-${w}.jpg`, `${photo.fileKey}-${w}.webp`]).sort();
    const rows = await t.prisma.storedFile.findMany({ where: { key: { startsWith: photo.fileKey } }, orderBy: { key: "asc" } });
    expect(rows.map((r) => r.key)).toEqual(keys);
    for (const row of rows) {
      const bytes = Buffer.from(row.bytes);
      expect(row.size).toBe(bytes.length);
      expect(row.sha256).toBe(sha256(bytes));
      expect(row.contentType).toBe(row.key.endsWith(".jpg") ? "image/jpeg" : "image/webp");
    }
    // Nothing went to the uploads folder.
    expect(uploadedFiles(t.config.uploadDir)).toEqual(before);

    const jpeg = rows.find((r) => r.key.endsWith("-960.jpg"))!;
    await expectServed(t, jpeg.key, Buffer.from(jpeg.bytes), "image/jpeg");
    // Another instance (or this one after losing its cache) reads the database once and serves it.
    fs.rmSync(cacheDir, { recursive: true, force: true });
    await expectServed(t, jpeg.key, Buffer.from(jpeg.bytes), "image/jpeg");
    expect(sha256(fs.readFileSync(path.join(cacheDir, jpeg.key)))).toBe(jpeg.sha256);
    // Ten requests at once for an uncached file: each gets the whole file.
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const webp = rows.find((r) => r.key.endsWith("-480.webp"))!;
    const answers = await Promise.all(Array.from({ length: 10 }, () => request(t.app).get(`/uploads/${webp.key}`)));
    for (const answer of answers) expect(sha256(answer.body as Buffer)).toBe(webp.sha256);
    expect(fs.readdirSync(cacheDir)).toEqual([webp.key]);

    // The library page shows it from the store.
    const library = await agent.get("/admin/media").expect(200);
    expect(library.text).toContain(`/uploads/${photo.fileKey}-480.jpg`);
  });

  it("deletes a photo's files from the database and the cache: then 404", async () => {
    const { t, agent, csrf, cacheDir } = await databaseStore();
    const res = await agent.post("/admin/media").set("accept", "application/json").field("_csrf", csrf).attach("file", await png(), "xoa.png").expect(201);
    const photo = await t.prisma.photo.findUniqueOrThrow({ where: { id: res.body.id } });
    const key = `${photo.fileKey}-480.jpg`;
    await request(t.app).get(`/uploads/${key}`).expect(200);
    expect(fs.existsSync(path.join(cacheDir, key))).toBe(true);

    await agent.post(`/admin/media/${photo.id}/delete`).set("accept", "application/json").set("x-csrf-token", csrf).send({}).expect(200);
    expect(await t.prisma.storedFile.count({ where: { key: { startsWith: photo.fileKey } } })).toBe(0);
    expect(fs.readdirSync(cacheDir).filter((f) => f.startsWith(photo.fileKey))).toEqual([]);
    await expectMissing(t, `/uploads/${key}`);
    await expectMissing(t, `/uploads/${photo.fileKey}-480.webp`);
  });

  it("answers unknown and hostile names with the 404 page, and reads nothing outside the cache", async () => {
    const { t, cacheDir } = await databaseStore();
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(path.join(t.dir, "bi-mat.jpg"), "bí mật");
    for (const url of ["/uploads/0123456789abcdef01234567-960.jpg", "/uploads/..%2Fbi-mat.jpg", "/uploads/..%2F..%2Fpackage.json", "/uploads/%2Fetc%2Fpasswd"]) {
      await expectMissing(t, url);
    }
    const store = createFileStore(t.config, t.prisma);
    for (const key of HOSTILE_KEYS) {
      await expect(store.put(key, Buffer.from("x"), "image/jpeg"), key).rejects.toThrow(/Tên tệp lưu trữ không hợp lệ/);
    }
    expect(await t.prisma.storedFile.count()).toBe(0);
  });

  it("a banner uploaded on the settings page is stored and served, and the feed gives a cover's size from the store", async () => {
    const { t, agent, csrf } = await databaseStore("admin");
    const banner = await agent
      .post("/admin/settings/banner")
      .set("accept", "application/json")
      .field("_csrf", csrf)
      .attach("file", await png(1600, 300), "banner.png")
      .expect(201);
    const photo = await t.prisma.photo.findUniqueOrThrow({ where: { id: banner.body.id } });
    const home = await request(t.app).get("/").set("User-Agent", BROWSER_UA).expect(200);
    const src = new RegExp(`class="banner-img" src="(/uploads/${photo.fileKey}-[0-9]+\\.jpg)"`).exec(home.text)?.[1];
    expect(src).toBeDefined();
    await request(t.app).get(src!).expect(200).expect("content-type", "image/jpeg");

    // The seeded article's cover becomes this photo: the RSS enclosure's length is its stored size.
    const article = await t.prisma.article.findFirstOrThrow({ where: { featured: true } });
    await t.prisma.articlePhoto.updateMany({ where: { articleId: article.id, position: 0 }, data: { photoId: photo.id } });
    const rss = await request(t.app).get("/rss.xml").expect(200);
    const stored = await t.prisma.storedFile.findUniqueOrThrow({ where: { key: `${photo.fileKey}-960.jpg` } });
    expect(rss.text).toContain(`<enclosure length="${stored.size}" type="image/jpeg" url="http://127.0.0.1:3000/uploads/${stored.key}"/>`);
  });
});
