import request from "supertest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildLegalDocument, buildProcedure, buildSector } from "../../helpers/procedures.js";
import { procedureSitemapEntries, searchProcedures } from "../../../src/services/procedures-public.js";

// The public section: list with its filters (q, linh-vuc, cap) and pages, the detail page with its
// print view, and the feed. Each test's procedures sit in fields of their own, so the seeded ones
// never change what a filter finds.
const expectValid = htmlChecker({ "long-title": ["error", { maxlength: 250 }] });

let t: TestApp;
let civil: { id: number; slug: string };
let belief: { id: number; slug: string };
const slugs: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ env: { SITE_URL: "https://cchc.cantho.gov.vn/" } });
  civil = await buildSector(t.prisma, { name: "Công chức, viên chức" });
  belief = await buildSector(t.prisma, { name: "Tín ngưỡng, tôn giáo" });
  const made = await Promise.all([
    buildProcedure(t.prisma, { name: "Thi tuyển công chức", code: "1.005384.000.00.00.H12", sectorId: civil.id, level: "tinh", onlineLevel: "full", onlineUrl: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.005384" }),
    buildProcedure(t.prisma, { name: "Thẩm định đề án vị trí việc làm", code: "1.009320", sectorId: civil.id, level: "xa", onlineLevel: "partial", onlineUrl: "https://dichvucong.cantho.gov.vn/thu-tuc/1.009320" }),
    buildProcedure(t.prisma, { name: "Đăng ký hoạt động tín ngưỡng", code: "1.001090.000.00.00.H12", sectorId: belief.id, level: "xa" }),
    buildProcedure(t.prisma, { name: "Thủ tục nháp bí mật", sectorId: civil.id, status: "draft" }),
    buildProcedure(t.prisma, { name: "Thủ tục đã xoá khỏi trang", sectorId: civil.id, deletedAt: new Date() }),
  ]);
  for (const p of made) slugs[p.name] = p.slug;
  await t.changed();
});

const get = (url: string) => request(t.app).get(url).set("User-Agent", BROWSER_UA);
const OURS = ["Thi tuyển công chức", "Thẩm định đề án vị trí việc làm", "Đăng ký hoạt động tín ngưỡng", "Thủ tục nháp bí mật", "Thủ tục đã xoá khỏi trang"];
/** Which of this file's procedures a list page shows, in page order. */
async function listed(url: string): Promise<string[]> {
  const res = await get(url).expect(200);
  return OURS.filter((n) => res.text.includes(`>${n}</a>`)).sort((a, b) => res.text.indexOf(`>${a}<`) - res.text.indexOf(`>${b}<`));
}

describe("GET /thu-tuc-hanh-chinh", () => {
  it("lists published procedures by name in Vietnamese order, never drafts or trashed ones", async () => {
    const inCivil = await listed(`/thu-tuc-hanh-chinh?linh-vuc=${civil.slug}`);
    expect(inCivil).toEqual(["Thẩm định đề án vị trí việc làm", "Thi tuyển công chức"]);
    const all = await listed("/thu-tuc-hanh-chinh");
    expect(all).not.toContain("Thủ tục nháp bí mật");
    expect(all).not.toContain("Thủ tục đã xoá khỏi trang");
    // "Đ" sorts after "D" and before "E", not after "Z" as byte order would put it.
    expect(all.indexOf("Đăng ký hoạt động tín ngưỡng")).toBeLessThan(all.indexOf("Thẩm định đề án vị trí việc làm"));
  });

  it.each([
    ["a name without diacritics", "thi tuyen cong chuc", ["Thi tuyển công chức"]],
    ["a name in capitals with diacritics", "THẨM ĐỊNH ĐỀ ÁN", ["Thẩm định đề án vị trí việc làm"]],
    ["a name typed in NFD", "Đăng ký".normalize("NFD"), ["Đăng ký hoạt động tín ngưỡng"]],
    ["a full code", "1.005384.000.00.00.H12", ["Thi tuyển công chức"]],
    ["part of a code, lower case", "005384.000.00.00.h12", ["Thi tuyển công chức"]],
    ["a field's name", "tin nguong ton giao", ["Đăng ký hoạt động tín ngưỡng"]],
    ["words found nowhere together", "thi tuyen tin nguong", []],
  ])("q: %s", async (_label, q, expected) => {
    expect(await listed(`/thu-tuc-hanh-chinh?q=${encodeURIComponent(q)}`)).toEqual(expected);
  });

  it("filters by field (linh-vuc), level (cap) and both, with the words too", async () => {
    const cases: [string, string[]][] = [
      [`linh-vuc=${civil.slug}`, ["Thẩm định đề án vị trí việc làm", "Thi tuyển công chức"]],
      [`linh-vuc=${belief.slug}`, ["Đăng ký hoạt động tín ngưỡng"]],
      [`linh-vuc=${civil.slug}&cap=xa`, ["Thẩm định đề án vị trí việc làm"]],
      [`linh-vuc=${civil.slug}&cap=tinh`, ["Thi tuyển công chức"]],
      [`linh-vuc=${belief.slug}&cap=tinh`, []],
      [`linh-vuc=${civil.slug}&cap=trung-uong`, []],
      [`q=tham+dinh&linh-vuc=${civil.slug}&cap=xa`, ["Thẩm định đề án vị trí việc làm"]],
      [`q=tham+dinh&linh-vuc=${belief.slug}`, []],
    ];
    for (const [query, expected] of cases) expect(await listed(`/thu-tuc-hanh-chinh?${query}`), query).toEqual(expected);
    const xa = await listed("/thu-tuc-hanh-chinh?cap=xa");
    expect(xa).toEqual(expect.arrayContaining(["Thẩm định đề án vị trí việc làm", "Đăng ký hoạt động tín ngưỡng"]));
    expect(xa).not.toContain("Thi tuyển công chức");
    const none = await get(`/thu-tuc-hanh-chinh?linh-vuc=${belief.slug}&cap=tinh`).expect(200);
    expect(none.text).toContain("Không có thủ tục nào khớp với từ khóa và bộ lọc đã chọn");
  });

  it("keeps the chosen filters in the form, and says when a field or level does not exist (results from all)", async () => {
    const res = await get(`/thu-tuc-hanh-chinh?q=thi+tuyen&linh-vuc=${civil.slug}&cap=tinh`).expect(200);
    expect(res.text).toContain('value="thi tuyen"');
    expect(res.text).toContain(`<option value="${civil.slug}" selected>`);
    expect(res.text).toContain('<option value="tinh" selected>');
    const unknown = await get("/thu-tuc-hanh-chinh?linh-vuc=khong-co&cap=huyen&q=thi+tuyen+cong+chuc").expect(200);
    expect(unknown.text).toContain("Lĩnh vực này không có");
    expect(unknown.text).toContain("Cấp thực hiện này không có");
    expect(unknown.text).toContain(">Thi tuyển công chức</a>");
  });

  it("pages by ?trang=N with the filters in every page link; a page past the end is 404", async () => {
    const sector = await buildSector(t.prisma, { name: "Văn thư, lưu trữ" });
    for (let i = 1; i <= 23; i++) await buildProcedure(t.prisma, { name: `Thủ tục lưu trữ số ${i}`, sectorId: sector.id, level: "xa" });
    await t.changed();
    const base = `/thu-tuc-hanh-chinh?linh-vuc=${sector.slug}&cap=xa`;
    const first = await get(base).expect(200);
    expect(first.text.match(/>Thủ tục lưu trữ số \d+</g)).toHaveLength(20);
    expect(first.text).toContain(`href="/thu-tuc-hanh-chinh?linh-vuc=${sector.slug}&amp;cap=xa&amp;trang=2"`);
    // Numbers in names sort as numbers: 2 before 10.
    expect(first.text.indexOf(">Thủ tục lưu trữ số 2<")).toBeLessThan(first.text.indexOf(">Thủ tục lưu trữ số 10<"));
    const second = await get(`${base}&trang=2`).expect(200);
    expect(second.text.match(/>Thủ tục lưu trữ số \d+</g)).toHaveLength(3);
    expect(second.text).toContain('rel="prev"');
    await get(`${base}&trang=3`).expect(404);
  });

  it("is valid HTML with and without filters, names its feed, and works without a query string", async () => {
    for (const url of ["/thu-tuc-hanh-chinh", `/thu-tuc-hanh-chinh?q=cong+chuc&linh-vuc=${civil.slug}&cap=tinh`, "/thu-tuc-hanh-chinh?linh-vuc=x&cap=y&q=khongco"]) {
      const res = await get(url).expect(200);
      await expectValid(res.text, url);
      expect(res.text).toContain('href="https://cchc.cantho.gov.vn/thu-tuc-hanh-chinh/rss.xml"');
    }
  });
});

describe("GET /thu-tuc-hanh-chinh/:slug", () => {
  it("shows every field in the national portal's order, the online-service button and the level", async () => {
    const res = await get(`/thu-tuc-hanh-chinh/${slugs["Thi tuyển công chức"]}`).expect(200);
    await expectValid(res.text, "procedure");
    const order = ["Mã thủ tục", "Lĩnh vực", "Cấp thực hiện", "Thời hạn giải quyết", "Phí, lệ phí", "Nơi tiếp nhận", "Thành phần hồ sơ", "Trình tự thực hiện", "Căn cứ pháp lý", "Biểu mẫu, tờ khai"];
    const article = res.text.slice(res.text.indexOf("<h1"));
    const at = order.map((label) => article.indexOf(label));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(res.text).toContain("<dd>1.005384.000.00.00.H12</dd>");
    expect(res.text).toContain(`<a href="/thu-tuc-hanh-chinh?linh-vuc=${civil.slug}">Công chức, viên chức</a>`);
    expect(res.text).toContain("<dd>Cấp tỉnh</dd>");
    expect(res.text).toContain("<dd>Toàn trình</dd>");
    expect(res.text).toMatch(/<a class="button button-online" href="https:\/\/dichvucong\.gov\.vn\/p\/home\/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet\.html\?ma_thu_tuc=1\.005384" rel="noopener external">/);

    const partial = await get(`/thu-tuc-hanh-chinh/${slugs["Thẩm định đề án vị trí việc làm"]}`).expect(200);
    expect(partial.text).toContain("<dd>Một phần</dd>");
    expect(partial.text).toContain("Dịch vụ công trực tuyến một phần");
    const none = await get(`/thu-tuc-hanh-chinh/${slugs["Đăng ký hoạt động tín ngưỡng"]}`).expect(200);
    expect(none.text).not.toContain("button-online");
    expect(none.text).toContain("chưa có dịch vụ công trực tuyến");
  });

  it("links its legal basis to /van-ban/:slug in order, leaving out documents that are not public", async () => {
    const law = await buildLegalDocument(t.prisma, { number: "22/2023/QH15", title: "Luật Cán bộ, công chức (sửa đổi)", slug: "22-2023-qh15" });
    const decree = await buildLegalDocument(t.prisma, { number: "170/2025/NĐ-CP", title: "Quy định về tuyển dụng công chức", slug: "170-2025-nd-cp" });
    const draft = await buildLegalDocument(t.prisma, { number: "99/2026/QĐ-UBND", title: "Văn bản dự thảo", status: "draft" });
    const procedure = await buildProcedure(t.prisma, { name: "Tiếp nhận vào làm công chức" });
    await t.prisma.procedureLegalBasis.createMany({
      data: [
        { procedureId: procedure.id, documentId: decree.id, position: 0 },
        { procedureId: procedure.id, documentId: draft.id, position: 1 },
        { procedureId: procedure.id, documentId: law.id, position: 2 },
      ],
    });
    await t.changed();
    const res = await get(`/thu-tuc-hanh-chinh/${procedure.slug}`).expect(200);
    const decreeAt = res.text.indexOf('<a href="/van-ban/170-2025-nd-cp">170/2025/NĐ-CP</a>');
    const lawAt = res.text.indexOf('<a href="/van-ban/22-2023-qh15">22/2023/QH15</a>');
    expect(decreeAt).toBeGreaterThan(0);
    expect(lawAt).toBeGreaterThan(decreeAt);
    expect(res.text).not.toContain("99/2026/QĐ-UBND");
  });

  it("is not public as a draft or in the trash (404)", async () => {
    await get(`/thu-tuc-hanh-chinh/${slugs["Thủ tục nháp bí mật"]}`).expect(404);
    await get(`/thu-tuc-hanh-chinh/${slugs["Thủ tục đã xoá khỏi trang"]}`).expect(404);
    await get("/thu-tuc-hanh-chinh/KHONG_HOP_LE").expect(400);
  });

  it("has a print view (?in=1): print styles on screen, kept out of search engines, the online address written out", async () => {
    const res = await get(`/thu-tuc-hanh-chinh/${slugs["Thi tuyển công chức"]}?in=1`).expect(200);
    await expectValid(res.text, "print view");
    expect(res.text).toMatch(/<html lang="vi" class="[^"]*print-view/);
    expect(res.text).toContain('<meta name="robots" content="noindex, follow">');
    expect(res.text).toContain("Bản in của thủ tục hành chính.");
    expect(res.text).toContain('<p class="print-url">Địa chỉ: https://dichvucong.gov.vn/');
    expect(res.text).toMatch(/<link rel="stylesheet" href="[^"]*print[^"]*\.css" media="all">/);
  });
});

describe("feed, site search and sitemap", () => {
  it("GET /thu-tuc-hanh-chinh/rss.xml lists the latest published procedures with absolute links, never drafts", async () => {
    const latest = await buildProcedure(t.prisma, { name: "Thủ tục mới công bố", code: "1.012345.000.00.00.H12", sectorId: civil.id, publishedAt: new Date(Date.now() + 60_000) });
    await buildProcedure(t.prisma, { name: "Nháp mới nhất", status: "draft" });
    await t.changed();
    const res = await get("/thu-tuc-hanh-chinh/rss.xml").expect(200);
    expect(res.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
    expect(XMLValidator.validate(res.text)).toBe(true);
    const doc = new XMLParser({ isArray: (name) => name === "item" }).parse(res.text) as { rss: { channel: { title: string; item: { title: string; link: string; description: string }[] } } };
    expect(doc.rss.channel.title).toContain("Thủ tục hành chính");
    const item = doc.rss.channel.item[0];
    expect(item?.title).toBe("Thủ tục mới công bố");
    expect(item?.link).toBe(`https://cchc.cantho.gov.vn/thu-tuc-hanh-chinh/${latest.slug}`);
    expect(item?.description).toContain("Mã thủ tục: 1.012345.000.00.00.H12. Lĩnh vực: Công chức, viên chức. Cấp tỉnh");
    expect(doc.rss.channel.item.length).toBeLessThanOrEqual(20);
    for (const hidden of ["Nháp mới nhất", "Thủ tục nháp bí mật", "Thủ tục đã xoá khỏi trang"]) expect(res.text).not.toContain(hidden);
  });

  it("searchProcedures finds public procedures by folded words of code, name, field and place", async () => {
    const found = await searchProcedures(t.prisma, new Date(), ["thi", "tuyen", "cong", "chuc"], 0, 10);
    expect(found.hits.map((h) => h.title)).toContain("Thi tuyển công chức");
    expect(found.hits.find((h) => h.title === "Thi tuyển công chức")).toMatchObject({ label: "1.005384.000.00.00.H12", url: `/thu-tuc-hanh-chinh/${slugs["Thi tuyển công chức"]}` });
    expect((await searchProcedures(t.prisma, new Date(), ["bi", "mat", "nhap"], 0, 10)).total).toBe(0);
  });

  it("procedureSitemapEntries lists every public procedure's page, and no other", async () => {
    const paths = (await procedureSitemapEntries(t.prisma, new Date())).map((e) => e.path);
    expect(paths).toContain(`/thu-tuc-hanh-chinh/${slugs["Thi tuyển công chức"]}`);
    expect(paths).not.toContain(`/thu-tuc-hanh-chinh/${slugs["Thủ tục nháp bí mật"]}`);
    expect(paths).not.toContain(`/thu-tuc-hanh-chinh/${slugs["Thủ tục đã xoá khỏi trang"]}`);
  });
});

describe("demo content", () => {
  it("seeds real-looking published procedures marked origin «seed», at each level, with their online links", async () => {
    const seeded = await t.prisma.procedure.findMany({ where: { origin: "seed" }, include: { sector: true } });
    expect(seeded.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seeded.map((p) => p.code)).size).toBe(seeded.length);
    expect(new Set(seeded.map((p) => p.level))).toEqual(new Set(["trung-uong", "tinh", "xa"]));
    for (const p of seeded) {
      expect(p).toMatchObject({ status: "published", fee: "Không", deletedAt: null });
      expect(p.sector).not.toBeNull();
      expect(p.requirements).toMatch(/^<ul><li>/);
      expect(p.steps).toMatch(/^<ol><li>/);
      if (p.onlineLevel !== "none") expect(p.onlineUrl).toMatch(/^https:\/\/dichvucong\.gov\.vn\//);
    }
    // The legal basis found among the seeded documents: the one-stop decree, then the city's current regulation.
    const founding = await t.prisma.procedure.findFirstOrThrow({
      where: { origin: "seed", code: "1.009318.000.00.00.H12" },
      include: { legalBasis: { orderBy: { position: "asc" }, include: { document: true } } },
    });
    expect(founding.legalBasis.map((b) => b.document.number)).toEqual(["118/2025/NĐ-CP", "14/2019/QĐ-UBND"]);
    const page = await get(`/thu-tuc-hanh-chinh/${founding.slug}`).expect(200);
    expect(page.text).toContain(`<a href="/van-ban/${founding.legalBasis[0]!.document.slug}">118/2025/NĐ-CP</a>`);
    const res = await get("/thu-tuc-hanh-chinh?q=dang+ky+hoat+dong+tin+nguong").expect(200);
    expect(res.text).toContain(">Đăng ký hoạt động tín ngưỡng</a>");
  });
});
