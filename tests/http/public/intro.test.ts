import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../helpers/app.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildIntroPage } from "../../helpers/organisation.js";

const expectValid = htmlChecker();

/** The section menu's links, in order, with the current one marked "*". */
function menuOf(html: string): string[] {
  const nav = /<nav class="section-menu"[\s\S]*?<\/nav>/.exec(html)![0];
  return [...nav.matchAll(/<a href="([^"]+)"( aria-current="page")?>/g)].map((m) => `${m[1]}${m[2] ? "*" : ""}`);
}

describe("introduction pages", () => {
  it("lists the pages of the menu on /gioi-thieu with a line of each", async () => {
    const t = await createTestApp();
    const res = await request(t.app).get("/gioi-thieu").expect(200);
    expect(res.text).toContain('<h2 class="intro-index-title"><a href="/gioi-thieu/chuc-nang-nhiem-vu">Chức năng, nhiệm vụ</a></h2>');
    expect(res.text).toContain("Phòng Cải cách hành chính là phòng chuyên môn thuộc Sở Nội vụ thành phố Cần Thơ");
    expect(menuOf(res.text)).toEqual(["/gioi-thieu/chuc-nang-nhiem-vu", "/gioi-thieu/lich-su-hinh-thanh", "/gioi-thieu/co-cau-to-chuc", "/danh-ba"]);
    await expectValid(res.text, "/gioi-thieu");
  });

  it("shows a page with its breadcrumb, the tree in the menu (the current page marked) and the placeholder note", async () => {
    const t = await createTestApp();
    const history = await t.prisma.introPage.findUniqueOrThrow({ where: { slug: "lich-su-hinh-thanh" } });
    const child = await buildIntroPage(t.prisma, { title: "Các mốc 2004-2025", slug: "cac-moc", parentId: history.id, body: "<p>Năm 2004: thành lập thành phố trực thuộc Trung ương.</p>" });
    await buildIntroPage(t.prisma, { title: "Trang không có trên trình đơn", slug: "trang-an-menu", inMenu: false });
    await t.changed();
    const res = await request(t.app).get("/gioi-thieu/cac-moc").expect(200);
    expect(res.text).toContain('<a href="/">Trang chủ</a> › <a href="/gioi-thieu">Giới thiệu</a> › <a href="/gioi-thieu/lich-su-hinh-thanh">Lịch sử hình thành</a></nav>');
    expect(res.text).toContain('<h1 class="article-title">Các mốc 2004-2025</h1>');
    expect(res.text).toContain("<p>Năm 2004: thành lập thành phố trực thuộc Trung ương.</p>");
    expect(menuOf(res.text)).toEqual(["/gioi-thieu/chuc-nang-nhiem-vu", "/gioi-thieu/lich-su-hinh-thanh", `/gioi-thieu/${child.slug}*`, "/gioi-thieu/co-cau-to-chuc", "/danh-ba"]);
    expect(res.text).toMatch(/<a href="\/gioi-thieu\/lich-su-hinh-thanh">Lịch sử hình thành<\/a>\s*<ul>\s*<li><a href="\/gioi-thieu\/cac-moc" aria-current="page">/);
    // A page left off the menu is still at its address.
    await request(t.app).get("/gioi-thieu/trang-an-menu").expect(200);
    const seeded = await request(t.app).get("/gioi-thieu/lich-su-hinh-thanh").expect(200);
    expect(seeded.text).toContain("(Dữ liệu minh họa: nội dung mẫu để trình bày");
    // "Thông tin này có hữu ích không?" (views/partials/rating.ejs) rates this very page.
    expect(res.text).toContain('href="/danh-gia?path=%2Fgioi-thieu%2Fcac-moc"');
    await expectValid(res.text, "/gioi-thieu/cac-moc");
  });

  it("has a print view (?in=1): the page with the site's name and its address, without the menu", async () => {
    const t = await createTestApp();
    const res = await request(t.app).get("/gioi-thieu/chuc-nang-nhiem-vu?in=1").expect(200);
    expect(res.text).toMatch(/<html lang="vi" class="[^"]*print-view/);
    expect(res.text).toMatch(/<link rel="stylesheet" href="\/assets\/css\/print[^"]*\.css" media="all">/);
    expect(res.text).toContain("Bản in của trang.");
    expect(res.text).toContain('<p class="print-source">Nguồn: Trang Thông tin điện tử Cải cách hành chính thành phố Cần Thơ — http://127.0.0.1:3000/gioi-thieu/chuc-nang-nhiem-vu</p>');
    expect(res.text).toContain('<a class="print-action" href="?in=1" rel="nofollow" data-print>In trang</a>');
  });

  it("keeps drafts and the pages under them from readers (404), and 404s an unknown page", async () => {
    const t = await createTestApp();
    const draft = await buildIntroPage(t.prisma, { title: "Bản nháp giới thiệu", slug: "ban-nhap-gioi-thieu", status: "draft" });
    await buildIntroPage(t.prisma, { title: "Con của bản nháp", slug: "con-cua-ban-nhap", parentId: draft.id });
    await t.changed();
    await request(t.app).get("/gioi-thieu/ban-nhap-gioi-thieu").expect(404);
    await request(t.app).get("/gioi-thieu/con-cua-ban-nhap").expect(404);
    await request(t.app).get("/gioi-thieu/khong-co-trang-nay").expect(404);
    await request(t.app).get("/gioi-thieu/Chu-Hoa").expect(400);
    const index = await request(t.app).get("/gioi-thieu").expect(200);
    expect(index.text).not.toContain("Bản nháp giới thiệu");
    expect(index.text).not.toContain("Con của bản nháp");
  });

  it("lists the pages, the organisation, the directory and the English pages in the section's sitemap file", async () => {
    const t = await createTestApp();
    const index = await request(t.app).get("/sitemap.xml").expect(200);
    expect(index.text).toContain("http://127.0.0.1:3000/sitemap-gioi-thieu.xml");
    const res = await request(t.app).get("/sitemap-gioi-thieu.xml").expect(200);
    const urls = [...res.text.matchAll(/<loc>http:\/\/127\.0\.0\.1:3000([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(urls).toEqual([
      "/gioi-thieu",
      "/gioi-thieu/chuc-nang-nhiem-vu",
      "/gioi-thieu/lich-su-hinh-thanh",
      "/gioi-thieu/co-cau-to-chuc",
      "/danh-ba",
      "/en",
      "/en/functions-and-duties",
      "/en/organisation",
      "/en/contact",
    ]);
  });
});
