import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { BROWSER_UA, createTestApp } from "../../helpers/app.js";
import { MAIN_ARTICLE } from "../../../prisma/seed-data.js";

const SEED_SLUG = "thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";

describe("demo content from the seed page", () => {
  it("stores the settings, the department, the author and CCHC categories", async () => {
    const { prisma } = await createTestApp();
    const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(settings).toMatchObject({
      address: "51 Lý Tự Trọng, phường An Phú, quận Ninh Kiều, thành phố Cần Thơ",
      hotline1: "0931.015.119",
      hotline2: "0931.016.119",
      phone: "(0710) 3820715",
      fax: "(0710) 3825228",
      email: "sonoivu@cantho.gov.vn",
      departmentPhone: "0710 3730759",
      departmentEmail: "caicachhanhchinh@cantho.gov.vn",
      managingUnit: "Cải cách hành chính TPCT",
      visitBaseline: 127627,
    });
    expect(settings.bannerPhotoId).not.toBeNull();
    const department = await prisma.department.findUniqueOrThrow({ where: { slug: "phong-cchc" } });
    expect(department).toMatchObject({ name: "Phòng CCHC", organization: "Sở Nội vụ thành phố Cần Thơ" });
    const author = await prisma.author.findUniqueOrThrow({ where: { slug: "trung-hau" } });
    expect(author).toMatchObject({ name: "Trung Hậu", departmentId: department.id });
    const categories = (await prisma.category.findMany()).map((c) => c.name);
    expect(categories).toEqual(expect.arrayContaining(["Chỉ số cải cách hành chính", "Một cửa, một cửa liên thông", "Văn bản chỉ đạo"]));
  });

  it("keeps the article's four photos in order with their exact captions, as honest placeholders on disk", async () => {
    const { prisma, config } = await createTestApp();
    const article = await prisma.article.findUniqueOrThrow({
      where: { slug: SEED_SLUG },
      include: { photos: { orderBy: { position: "asc" }, include: { photo: true } } },
    });
    expect(article.photos.map((p) => p.photo.caption)).toEqual(MAIN_ARTICLE.captions);
    for (const { photo } of article.photos) {
      expect(photo.isPlaceholder).toBe(true);
      expect(photo.credit).toMatch(/Ảnh minh họa thay thế/);
      for (const width of photo.widths.split(",")) {
        for (const ext of ["webp", "jpg"]) {
          const file = path.join(config.uploadDir, `${photo.fileKey}-${width}.${ext}`);
          expect((await sharp(fs.readFileSync(file)).metadata()).width).toBe(Number(width));
        }
      }
    }
  });

  it("publishes the ticker headline as a short article whose body says it is being updated", async () => {
    const { app } = await createTestApp();
    const res = await request(app)
      .get("/tin-tuc/thanh-pho-can-tho-ban-hanh-quy-che-thuc-hien-co-che-mot-cua")
      .set("User-Agent", BROWSER_UA)
      .expect(200);
    expect(res.text).toContain("Thành phố Cần Thơ ban hành Quy chế thực hiện cơ chế một cửa");
    expect(res.text).toContain("Nội dung bài viết đang được cập nhật.");
  });
});
