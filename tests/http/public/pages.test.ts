import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp } from "../../helpers/app.js";
import { buildArticle, buildAuthor, buildCategory, buildDepartment } from "../../helpers/factories.js";
import { MAIN_ARTICLE, SETTINGS } from "../../../prisma/seed-data.js";
import { eventually } from "../../helpers/eventually.js";

const SEED_URL = "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";
const get = (app: Parameters<typeof request>[0], path: string) => request(app).get(path).set("User-Agent", BROWSER_UA);
// EJS escapes quotes; compare against the text as a browser shows it.
const unescape = (html: string) => html.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

describe("header and footer of every public page", () => {
  it("show the seed page's address, both hotlines as tel: links, and the whole footer", async () => {
    const { app } = await createTestApp();
    for (const path of ["/", SEED_URL, "/chuyen-muc/chi-so-cai-cach-hanh-chinh", "/lien-he", "/khong-co-trang-nay"]) {
      const res = await get(app, path);
      const html = unescape(res.text);
      expect(html).toMatch(/<html lang="vi"/);
      expect(html).toContain(SETTINGS.address);
      expect(html).toContain('href="tel:+84931015119"');
      expect(html).toContain('href="tel:+84931016119"');
      for (const text of [SETTINGS.copyright, SETTINGS.managingUnit, SETTINGS.phone, SETTINGS.fax, SETTINGS.departmentPhone, SETTINGS.reprintNotice]) {
        expect(html).toContain(text);
      }
      expect(html).toContain(`mailto:${SETTINGS.email}`);
      expect(html).toContain(`mailto:${SETTINGS.departmentEmail}`);
    }
  });
});

describe("home page", () => {
  it("shows the featured article, the latest news, category blocks and the ticker", async () => {
    const { app } = await createTestApp();
    const html = (await get(app, "/").expect(200)).text;
    expect(html).toContain(MAIN_ARTICLE.title);
    expect(html).toContain(MAIN_ARTICLE.summary);
    expect(html).toContain("Tin nổi bật");
    expect(html).toContain("Tin mới");
    expect(html).toMatch(/href="\/chuyen-muc\/chi-so-cai-cach-hanh-chinh"/);
    expect(html).toContain("Thành phố Cần Thơ ban hành Quy chế thực hiện cơ chế một cửa");
    expect(html).toContain("15:09 - 01/08/2017");
  });

  it("never shows drafts, pending, scheduled or trashed articles", async () => {
    const { app, prisma } = await createTestApp();
    const hidden = [
      await buildArticle(prisma, { title: "Bản nháp chưa đăng", status: "draft" }),
      await buildArticle(prisma, { title: "Bài chờ duyệt", status: "pending" }),
      await buildArticle(prisma, { title: "Bài lên lịch ngày mai", publishedAt: new Date(Date.now() + 86_400_000) }),
      await buildArticle(prisma, { title: "Bài trong thùng rác", deletedAt: new Date() }),
    ];
    const html = (await get(app, "/").expect(200)).text;
    for (const article of hidden) {
      expect(html).not.toContain(article.title);
      await get(app, `/tin-tuc/${article.slug}`).expect(404);
    }
  });
});

describe("article page", () => {
  it("shows title, Vietnam-time stamp, summary, every paragraph, figures with captions and credits, byline and links", async () => {
    const { app } = await createTestApp();
    const html = unescape((await get(app, SEED_URL).expect(200)).text);
    expect(html).toMatch(/<h1[^>]*>Thành phố Cần Thơ phân tích Chỉ số cải cách hành chính cấp tỉnh năm 2016<\/h1>/);
    expect(html).toContain("15:09 - 01/08/2017");
    expect(html).toContain('datetime="2017-08-01T08:09:00.000Z"');
    expect(html).toContain(MAIN_ARTICLE.summary);
    for (const paragraph of MAIN_ARTICLE.paragraphs) expect(html).toContain(paragraph);
    for (const caption of MAIN_ARTICLE.captions) expect(html).toMatch(new RegExp(`<figcaption>${caption}`));
    expect(html.match(/<figure/g)).toHaveLength(4);
    expect(html).toContain("Ảnh minh họa thay thế");
    expect(html).toMatch(/srcset="[^"]+480w[^"]*"/);
    expect(html).toMatch(/href="\/tac-gia\/trung-hau"[^>]*>Trung Hậu<\/a>/);
    expect(html).toMatch(/href="\/don-vi\/phong-cchc"[^>]*>Phòng CCHC<\/a>/);
    expect(html).toMatch(/href="\/chuyen-muc\/chi-so-cai-cach-hanh-chinh"/);
  });

  it("keeps the stamp in Vietnam time across the date line (server TZ is New York here)", async () => {
    const { app, prisma } = await createTestApp();
    const article = await buildArticle(prisma, { publishedAt: new Date("2025-12-31T17:30:00Z") });
    const html = (await get(app, `/tin-tuc/${article.slug}`).expect(200)).text;
    expect(html).toContain("00:30 - 01/01/2026");
  });

  it("lists related articles of the same category and counts the view (stored within a second)", async () => {
    const { app, prisma } = await createTestApp();
    const category = await buildCategory(prisma);
    const first = await buildArticle(prisma, { categoryId: category.id, title: "Bài thứ nhất cùng mục" });
    const second = await buildArticle(prisma, { categoryId: category.id, title: "Bài thứ hai cùng mục" });
    const html = (await get(app, `/tin-tuc/${first.slug}`).expect(200)).text;
    expect(html).toContain(second.title);
    const views = () => prisma.article.findUniqueOrThrow({ where: { id: first.id } }).then((a) => a.viewCount);
    expect(await eventually(views, (n) => n === 1)).toBe(1);
  });
});

describe("category, department and author pages", () => {
  it("paginate ten per page with ?trang=N, newest first", async () => {
    const { app, prisma } = await createTestApp();
    const category = await buildCategory(prisma, { name: "Chuyên mục phân trang" });
    const base = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 1; i <= 23; i++) {
      await buildArticle(prisma, { categoryId: category.id, title: `Tin số ${String(i).padStart(2, "0")}`, publishedAt: new Date(base + i * 60_000) });
    }
    const page1 = (await get(app, `/chuyen-muc/${category.slug}`).expect(200)).text;
    expect(page1).toContain("Chuyên mục phân trang");
    expect(page1).toContain("Tin số 23");
    expect(page1).toContain("Tin số 14");
    expect(page1).not.toContain("Tin số 13");
    expect(page1).toContain(`href="/chuyen-muc/${category.slug}?trang=2"`);
    const page3 = (await get(app, `/chuyen-muc/${category.slug}?trang=3`).expect(200)).text;
    expect(page3).toContain("Tin số 01");
    expect(page3).toContain("Trang 3/3");
    await get(app, `/chuyen-muc/${category.slug}?trang=4`).expect(404);
  });

  it("list a department's and an author's articles", async () => {
    const { app, prisma } = await createTestApp();
    const department = await buildDepartment(prisma, { name: "Sở Tư pháp" });
    const author = await buildAuthor(prisma, { name: "Lê Thị Hải Yến", departmentId: department.id });
    const article = await buildArticle(prisma, { title: "Tin của Sở Tư pháp", departmentId: department.id, authorId: author.id });
    expect((await get(app, `/don-vi/${department.slug}`).expect(200)).text).toContain(article.title);
    expect((await get(app, `/tac-gia/${author.slug}`).expect(200)).text).toContain(article.title);
    expect((await get(app, "/tac-gia/trung-hau").expect(200)).text).not.toContain(article.title);
  });
});

describe("bad addresses", () => {
  it("answer 404 or 400 with a Vietnamese page, never 500", async () => {
    const { app } = await createTestApp();
    const cases: [string, number][] = [
      ["/khong-co-trang-nay", 404],
      ["/tin-tuc/khong-ton-tai", 404],
      ["/chuyen-muc/khong-ton-tai", 404],
      ["/don-vi/khong-ton-tai", 404],
      ["/tac-gia/khong-ton-tai", 404],
      ["/tin-tuc/%E0%A4%A", 400],
      ["/tin-tuc/%ZZ", 400],
      ["/chuyen-muc/chi-so-cai-cach-hanh-chinh?trang=abc", 400],
      ["/chuyen-muc/chi-so-cai-cach-hanh-chinh?trang=0", 400],
      ["/chuyen-muc/chi-so-cai-cach-hanh-chinh?trang=-1", 400],
      ["/chuyen-muc/chi-so-cai-cach-hanh-chinh?trang=1&trang=2", 400],
      ["/chuyen-muc/chi-so-cai-cach-hanh-chinh?trang=99999999999999999999", 400],
      ["/tin-tuc/" + "a".repeat(500), 400],
      ["/tin-tuc/<script>", 400],
    ];
    for (const [path, status] of cases) {
      const res = await get(app, path);
      expect(res.status, path).toBe(status);
      expect(res.text, path).toMatch(/<html lang="vi"/);
      expect(res.text, path).toMatch(/Không tìm thấy|không hợp lệ/);
    }
  });

  it("answer a malformed JSON body with 400, not 500", async () => {
    const { app } = await createTestApp();
    const res = await request(app).post("/lien-he").set("Content-Type", "application/json").send("{bad json");
    expect(res.status).toBe(400);
  });
});
