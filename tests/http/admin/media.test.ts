import path from "node:path";
import sharp from "sharp";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { signedIn } from "../../helpers/articles.js";
import { jpegWithGps, png, uploadedFiles } from "../../helpers/images.js";

describe("uploading photos", () => {
  it("re-encodes a photo into WebP and JPEG widths under random names, with EXIF and GPS stripped", async () => {
    const { t, agent, csrf, user } = await signedIn("editor");
    const original = await jpegWithGps(1200, 800);
    const input = await sharp(original).metadata();
    expect(input.exif).toBeDefined();

    const before = uploadedFiles(t.config.uploadDir);
    const res = await agent
      .post("/admin/media")
      .field("_csrf", csrf)
      .field("caption", "Quang cảnh hội nghị".normalize("NFD"))
      .field("alt", "Đại biểu ngồi trong hội trường")
      .field("credit", "Trung Hậu")
      .attach("file", original, { filename: "Ảnh hội nghị GPS.jpg", contentType: "image/jpeg" })
      .expect(303);
    expect(res.headers.location).toBe("/admin/media");

    const photo = await t.prisma.photo.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(photo).toMatchObject({
      caption: "Quang cảnh hội nghị".normalize("NFC"),
      alt: "Đại biểu ngồi trong hội trường",
      credit: "Trung Hậu",
      width: 1200,
      height: 800,
      widths: "480,960,1200",
      originalName: "Ảnh hội nghị GPS.jpg",
      uploadedById: user.id,
    });
    expect(photo.fileKey).toMatch(/^[0-9a-f]{24}$/);
    const added = uploadedFiles(t.config.uploadDir).filter((f) => !before.includes(f));
    expect(added).toEqual(
      [480, 960, 1200].flatMap((w) => [`${photo.fileKey}-${w}.jpg`, `${photo.fileKey}-${w}.webp`]).sort(),
    );
    for (const file of added) {
      const meta = await sharp(path.join(t.config.uploadDir, file)).metadata();
      expect(meta.exif, file).toBeUndefined();
      expect(meta.icc, file).toBeUndefined();
    }
    const webp = await sharp(path.join(t.config.uploadDir, `${photo.fileKey}-480.webp`)).metadata();
    expect(webp).toMatchObject({ format: "webp", width: 480, height: 320 });

    const library = await agent.get("/admin/media").expect(200);
    expect(library.text).toContain("Đã tải lên 1 ảnh.");
    expect(library.text).toContain("Quang cảnh hội nghị".normalize("NFC"));
    expect(library.text).toContain("Trung Hậu");
    await request(t.app).get(`/uploads/${photo.fileKey}-960.jpg`).expect(200).expect("content-type", "image/jpeg");
  });

  it("takes several files in one request and answers scripts with 201 {id, url}", async () => {
    const { t, agent, csrf } = await signedIn("author");
    const res = await agent
      .post("/admin/media")
      .set("accept", "application/json")
      .field("_csrf", csrf)
      .field("caption", "Ảnh thứ nhất")
      .field("caption", "Ảnh thứ hai")
      .field("credit", "Phòng CCHC")
      .attach("file", await png(800, 600), "mot.png")
      .attach("file", await jpegWithGps(640, 480), "hai.jpg")
      .expect(201);
    // product.md: a photo's answer carries its fileUrl; the items are what the editor's picker shows.
    expect(res.body).toEqual({
      id: expect.any(Number),
      url: `/admin/media/${res.body.id}`,
      fileUrl: expect.stringMatching(/^\/uploads\/[0-9a-f]{24}-800\.jpg$/),
      ids: [res.body.id, res.body.id + 1],
      items: [
        { id: res.body.id, fileUrl: res.body.fileUrl, caption: "Ảnh thứ nhất", alt: "", credit: "Phòng CCHC", width: 800, height: 600 },
        { id: res.body.id + 1, fileUrl: expect.stringMatching(/-640\.jpg$/), caption: "Ảnh thứ hai", alt: "", credit: "Phòng CCHC", width: 640, height: 480 },
      ],
    });
    const rows = await t.prisma.photo.findMany({ where: { id: { in: res.body.ids } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.caption, r.credit, r.widths])).toEqual([
      ["Ảnh thứ nhất", "Phòng CCHC", "480,800"],
      ["Ảnh thứ hai", "Phòng CCHC", "480,640"],
    ]);
  });

  it("shows the library as a grid with caption, description and credit, paginated", async () => {
    const { t, agent } = await signedIn("editor");
    const data = Array.from({ length: 30 }, (_, i) => ({
      fileKey: `thu-vien-${i}`,
      width: 1200,
      height: 800,
      widths: "480,960,1200",
      caption: `Ảnh số ${i}`,
      alt: `Mô tả ${i}`,
      credit: `Nguồn ${i}`,
    }));
    await t.prisma.photo.createMany({ data });
    const first = await agent.get("/admin/media").expect(200);
    expect(first.text).toContain("Ảnh số 29");
    expect(first.text).toContain("Mô tả 29");
    expect(first.text).toContain("Nguồn 29");
    expect(first.text).toContain('href="/admin/media?trang=2"');
    expect((first.text.match(/class="media-card"/g) ?? []).length).toBe(24);
    const second = await agent.get("/admin/media?trang=2").expect(200);
    expect(second.text).toContain("Ảnh số 0");
    expect(second.text).not.toContain("Ảnh số 29");
  });
});

describe("editing and deleting photos", () => {
  it("edits caption, alt and credit, and the public article shows the new caption", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const link = await t.prisma.articlePhoto.findFirstOrThrow({ include: { article: true } });
    const res = await agent
      .post(`/admin/media/${link.photoId}`)
      .type("form")
      .send({ _csrf: csrf, caption: "Chú thích đã sửa", alt: "Mô tả mới", credit: "Ảnh: Phòng CCHC" })
      .expect(303);
    expect(res.headers.location).toBe(`/admin/media/${link.photoId}`);
    const page = await request(t.app).get(`/tin-tuc/${link.article.slug}`).expect(200);
    expect(page.text).toContain("Chú thích đã sửa");
    expect(page.text).toContain("Ảnh: Phòng CCHC");

    const json = await agent
      .post(`/admin/media/${link.photoId}`)
      .set("accept", "application/json")
      .send({ _csrf: csrf, caption: "x".repeat(501) })
      .expect(422);
    expect(json.body.error).toBe("Chú thích không được quá 500 ký tự.");
    expect((await t.prisma.photo.findUniqueOrThrow({ where: { id: link.photoId } })).caption).toBe("Chú thích đã sửa");
  });

  it("refuses to delete a photo an article uses (409, with the reason) and deletes an unused one with its files", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const link = await t.prisma.articlePhoto.findFirstOrThrow({ include: { article: true } });
    const used = await agent.post(`/admin/media/${link.photoId}/delete`).type("form").send({ _csrf: csrf }).expect(409);
    expect(used.text).toContain("ảnh đang được dùng trong 1 bài viết");
    expect(used.text).toContain(link.article.title);
    expect(await t.prisma.photo.findUnique({ where: { id: link.photoId } })).not.toBeNull();

    const settings = await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } });
    const banner = await agent.post(`/admin/media/${settings.bannerPhotoId}/delete`).set("accept", "application/json").set("x-csrf-token", csrf).send({});
    expect(banner.status).toBe(409);
    expect(banner.body.error).toContain("ảnh đầu trang (banner)");

    const upload = await agent.post("/admin/media").set("accept", "application/json").field("_csrf", csrf).attach("file", await png(), "xoa.png").expect(201);
    const photo = await t.prisma.photo.findUniqueOrThrow({ where: { id: upload.body.id } });
    await agent.post(`/admin/media/${photo.id}/delete`).type("form").send({ _csrf: csrf }).expect(303).expect("location", "/admin/media");
    expect(await t.prisma.photo.findUnique({ where: { id: photo.id } })).toBeNull();
    expect(uploadedFiles(t.config.uploadDir).filter((f) => f.startsWith(photo.fileKey))).toEqual([]);
    expect(await t.prisma.auditLog.count({ where: { action: "media.delete", target: `ảnh #${photo.id}` } })).toBe(1);
  });

  it("lets an author change only the photos they uploaded", async () => {
    const { t, agent, csrf } = await signedIn("author");
    const seedPhoto = await t.prisma.photo.findFirstOrThrow({ where: { uploadedById: null } });
    const res = await agent.post(`/admin/media/${seedPhoto.id}`).type("form").send({ _csrf: csrf, caption: "Sửa trộm" }).expect(403);
    expect(res.text).toContain("Bạn chỉ được sửa hoặc xoá ảnh do chính mình tải lên.");
    await agent.post(`/admin/media/${seedPhoto.id}/delete`).type("form").send({ _csrf: csrf }).expect(403);
    expect(await t.prisma.photo.findUniqueOrThrow({ where: { id: seedPhoto.id } })).toMatchObject({ caption: seedPhoto.caption });
  });
});
