import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { buildArticle } from "../../helpers/factories.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildPerson, buildUnit, seededOffice } from "../../helpers/organisation.js";

const CHART = "/gioi-thieu/co-cau-to-chuc";
const expectValid = htmlChecker();

/** Each unit's depth on the chart (1 = the top list), in the order drawn, from the nested lists. */
function chartDepths(html: string): [string, number][] {
  const chart = html.slice(html.indexOf('<ul class="org-chart">'));
  const found: [string, number][] = [];
  let depth = 0;
  for (const m of chart.matchAll(/<ul\b|<\/ul>|id="don-vi-([a-z0-9-]+)"/g)) {
    if (m[0] === "<ul") depth += 1;
    else if (m[0] === "</ul>") {
      depth -= 1;
      if (depth === 0) break;
    } else found.push([m[1]!, depth]);
  }
  return found;
}

async function chart(t: TestApp) {
  const res = await request(t.app).get(CHART).expect(200);
  return res.text;
}

describe("the organisation page", () => {
  it("draws the office at the top and its divisions in a list under it, each with its duties, phone and e-mail as links; valid HTML", async () => {
    const t = await createTestApp();
    const html = await chart(t);
    const depths = chartDepths(html);
    expect(depths[0]).toEqual(["phong-cai-cach-hanh-chinh", 1]);
    expect(depths.slice(1, 4)).toEqual([
      ["bo-phan-kiem-soat-thu-tuc-hanh-chinh", 2],
      ["bo-phan-cai-cach-to-chuc-bo-may", 2],
      ["bo-phan-chinh-quyen-dien-tu", 2],
    ]);
    // The byline of the seed articles stays under the office but off the chart (not drawn twice).
    expect(depths.map(([slug]) => slug)).not.toContain("phong-cchc");
    expect(html).toContain('<a href="/don-vi/bo-phan-chinh-quyen-dien-tu">Bộ phận Chính quyền điện tử</a>');
    expect(html).toMatch(/class="org-unit-duties">\(Dữ liệu minh họa\) Theo dõi, đôn đốc cung cấp dịch vụ công trực tuyến/);
    expect(html).toContain('<a class="tel-nowrap" href="tel:+847103730759">0710 3730759</a>');
    expect(html).toContain('<a href="mailto:caicachhanhchinh@cantho.gov.vn">caicachhanhchinh@cantho.gov.vn</a>');
    expect(html).toContain('<ul class="org-row">');
    expect(html).toContain('href="/danh-gia?path=%2Fgioi-thieu%2Fco-cau-to-chuc"');
    await expectValid(html, CHART);
  });

  it("shows a department from before units had parents under the single office, after its own divisions", async () => {
    const t = await createTestApp();
    const old = await buildUnit(t.prisma, { name: "Phòng Tổng hợp cũ", slug: "phong-tong-hop-cu", position: 0 });
    await t.changed();
    const depths = chartDepths(await chart(t));
    expect(depths[0]).toEqual(["phong-cai-cach-hanh-chinh", 1]);
    expect(depths.find(([slug]) => slug === old.slug)).toEqual([old.slug, 2]);
    expect(depths.findIndex(([slug]) => slug === old.slug)).toBeGreaterThan(depths.findIndex(([slug]) => slug === "bo-phan-chinh-quyen-dien-tu"));
  });

  it("draws units at every depth; a listed unit under an unlisted one moves up to the nearest listed unit", async () => {
    const t = await createTestApp();
    const office = await seededOffice(t.prisma);
    const hidden = await buildUnit(t.prisma, { name: "Tổ ẩn", slug: "to-an", parentId: office.id, listed: false });
    const underHidden = await buildUnit(t.prisma, { name: "Tổ dưới tổ ẩn", slug: "to-duoi-to-an", parentId: hidden.id });
    const division = await t.prisma.department.findUniqueOrThrow({ where: { slug: "bo-phan-chinh-quyen-dien-tu" } });
    const team = await buildUnit(t.prisma, { name: "Tổ Dữ liệu số", slug: "to-du-lieu-so", parentId: division.id, kind: "attached" });
    await t.changed();
    const html = await chart(t);
    const depths = new Map(chartDepths(html));
    expect(depths.get(team.slug)).toBe(3);
    expect(depths.has(hidden.slug)).toBe(false);
    expect(depths.get(underHidden.slug)).toBe(2);
    expect(html).toContain('class="org-unit org-unit-attached" id="don-vi-to-du-lieu-so"');
  });

  it("lists the leaders in the office's order with position, short biography, office phone and e-mail, and not the others", async () => {
    const t = await createTestApp();
    const office = await seededOffice(t.prisma);
    await buildPerson(t.prisma, { name: "Đặng Thu Trang", position: "Phó Trưởng phòng", unitId: office.id, leader: true, sortOrder: -1, phone: "0292 3 820 111", email: "dttrang@cantho.gov.vn", bio: "Sinh năm 1986.\n\nThạc sĩ Luật." });
    await buildPerson(t.prisma, { name: "Võ Minh Tâm", position: "Chuyên viên", unitId: office.id, leader: false });
    await t.changed();
    const html = await chart(t);
    const leaders = html.slice(html.indexOf('id="leaders-title"'));
    const names = [...leaders.matchAll(/<h3 class="leader-name">([^<]+)<\/h3>/g)].map((m) => m[1]);
    expect(names).toEqual(["Đặng Thu Trang", "Nguyễn Thị Thanh Hà", "Lê Văn Phúc", "Trần Quốc Bảo"]);
    expect(leaders).toContain('<p class="leader-bio">Sinh năm 1986.</p><p class="leader-bio">Thạc sĩ Luật.</p>');
    expect(leaders).toContain('<a class="tel-nowrap" href="tel:+842923820111">0292 3 820 111</a>');
    expect(leaders).toContain('<a href="mailto:dttrang@cantho.gov.vn">dttrang@cantho.gov.vn</a>');
    expect(html).not.toContain("Võ Minh Tâm");
  });

  it("shows a leader's photo from the media library with a name for screen readers", async () => {
    const t = await createTestApp();
    const photo = await t.prisma.photo.findFirstOrThrow();
    await buildPerson(t.prisma, { name: "Hồ Văn Nam", leader: true, sortOrder: -5, photoId: photo.id });
    await t.changed();
    const html = await chart(t);
    expect(html).toMatch(new RegExp(`<div class="leader-photo">\\s*<picture>[\\s\\S]*?/uploads/${photo.fileKey}-\\d+\\.jpg[\\s\\S]*?alt="Ảnh Hồ Văn Nam"`));
  });

  it("has a print view without the section menu and a note to print", async () => {
    const t = await createTestApp();
    const res = await request(t.app).get(`${CHART}?in=1`).expect(200);
    expect(res.text).toContain('class="print-view"');
    expect(res.text).toContain("Bản in của trang.");
    expect(res.text).toContain('<meta name="robots" content="noindex, follow">');
  });

  it("heads the chart with the introduction page of that address when there is one, and works without it", async () => {
    const t = await createTestApp();
    await t.prisma.introPage.delete({ where: { slug: "co-cau-to-chuc" } });
    await t.changed();
    const html = await chart(t);
    expect(html).toContain('<h1 class="article-title">Cơ cấu tổ chức</h1>');
    // The menu still leads to the chart and to the directory.
    expect(html).toMatch(/<a href="\/gioi-thieu\/co-cau-to-chuc" aria-current="page">Cơ cấu tổ chức<\/a>/);
    expect(html).toContain('<a href="/danh-ba">Danh bạ liên hệ</a>');
  });
});

describe("a unit's own page (/don-vi/:slug)", () => {
  it("keeps every article of the former department: the seed articles stay on /don-vi/phong-cchc, now a unit under the office", async () => {
    const t = await createTestApp();
    const department = await t.prisma.department.findUniqueOrThrow({ where: { slug: "phong-cchc" }, include: { parent: true } });
    expect(department.parent?.slug).toBe("phong-cai-cach-hanh-chinh");
    const articles = await t.prisma.article.findMany({ where: { origin: "seed" } });
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((a) => a.departmentId === department.id)).toBe(true);
    const page = await request(t.app).get("/don-vi/phong-cchc").expect(200);
    for (const a of articles) expect(page.text).toContain(a.title);
    const article = await request(t.app).get(`/tin-tuc/${articles[0]!.slug}`).expect(200);
    expect(article.text).toMatch(/href="\/don-vi\/phong-cchc"[^>]*>Phòng CCHC<\/a>/);
  });

  it("shows the unit's duties, contacts and parent above its articles", async () => {
    const t = await createTestApp();
    const division = await t.prisma.department.findUniqueOrThrow({ where: { slug: "bo-phan-kiem-soat-thu-tuc-hanh-chinh" } });
    const article = await buildArticle(t.prisma, { title: "Rà soát thủ tục quý III", departmentId: division.id });
    await t.changed();
    const res = await request(t.app).get(`/don-vi/${division.slug}`).expect(200);
    const details = res.text.indexOf('class="unit-details"');
    expect(details).toBeGreaterThan(0);
    expect(res.text.indexOf(article.title)).toBeGreaterThan(details);
    expect(res.text).toContain("Rà soát, đề xuất đơn giản hóa thủ tục hành chính");
    expect(res.text).toContain('Thuộc: <a href="/don-vi/phong-cai-cach-hanh-chinh">Phòng Cải cách hành chính</a>');
    expect(res.text).toContain(`<a href="/gioi-thieu/co-cau-to-chuc#don-vi-${division.slug}">Xem trên sơ đồ tổ chức</a>`);
    await expectValid(res.text, `/don-vi/${division.slug}`);
    // The second page lists articles only.
    const second = await request(t.app).get(`/don-vi/${division.slug}?trang=2`);
    expect(second.text).not.toContain('class="unit-details"');
  });
});
