import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildIntroPage, buildPerson, buildUnit, seededOffice } from "../../helpers/organisation.js";
import { englishAlternateOf } from "../../../src/services/english.js";
import { createPublicCache } from "../../../src/services/public-cache.js";

const BASE = "http://127.0.0.1:3000";
const expectValid = htmlChecker();

/** The hreflang links of a page's head. */
function alternates(html: string): string[] {
  return [...html.matchAll(/<link rel="alternate" hreflang="(vi|en)" href="([^"]+)">/g)].map((m) => `${m[1]} ${m[2]!.replace(BASE, "")}`);
}

const get = (t: TestApp, path: string) => request(t.app).get(path);

describe("the English pages", () => {
  it("/en is in English (lang=\"en\") with the site's English name, the English pages, the organisation and the contacts; valid HTML", async () => {
    const t = await createTestApp();
    const res = await get(t, "/en").expect(200);
    expect(res.text).toMatch(/^<!DOCTYPE html>\n<html lang="en"/);
    expect(res.text).toContain("<h1>Can Tho City Administrative Reform Portal</h1>");
    expect(res.text).toContain('<p class="english-lead">Administrative Reform Office, Can Tho City Department of Home Affairs</p>');
    expect(res.text).toContain('<a href="/en/functions-and-duties">Functions and duties</a>');
    expect(res.text).toContain('<a href="/en/organisation">Organisation chart and leadership</a>');
    expect(res.text).toContain("<dt>Address</dt><dd>51 Ly Tu Trong Street, An Phu Ward, Ninh Kieu District, Can Tho City, Viet Nam</dd>");
    expect(res.text).toContain('<meta name="DC.language" content="en">');
    // The history page has no English text: not offered.
    expect(res.text).not.toContain("lich-su");
    await expectValid(res.text, "/en");
  });

  it("links each page to its twin with hreflang both ways and a language switch", async () => {
    const t = await createTestApp();
    const pairs: [string, string][] = [
      ["/gioi-thieu", "/en"],
      ["/gioi-thieu/chuc-nang-nhiem-vu", "/en/functions-and-duties"],
      ["/gioi-thieu/co-cau-to-chuc", "/en/organisation"],
      ["/danh-ba", "/en/contact"],
    ];
    for (const [vi, en] of pairs) {
      const viPage = await get(t, vi).expect(200);
      const enPage = await get(t, en).expect(200);
      expect(alternates(viPage.text), vi).toEqual([`vi ${vi}`, `en ${en}`]);
      expect(alternates(enPage.text), en).toEqual([`vi ${vi}`, `en ${en}`]);
      expect(viPage.text).toContain(`<a class="language-switch" href="${en}" hreflang="en" lang="en">English</a>`);
      expect(enPage.text).toContain(`<a class="language-switch" href="${vi}" hreflang="vi" lang="vi">Tiếng Việt</a>`);
      expect(enPage.text).toMatch(/<html lang="en"/);
    }
  });

  it("offers no English page for a page without an English text: 404 at /en/…, no link, no hreflang", async () => {
    const t = await createTestApp();
    const history = await get(t, "/gioi-thieu/lich-su-hinh-thanh").expect(200);
    expect(alternates(history.text)).toEqual([]);
    expect(history.text).not.toContain('class="language-switch"');
    await get(t, "/en/lich-su-hinh-thanh").expect(404);
    await get(t, "/en/history").expect(404);
    // A draft with an English text is not offered either.
    await buildIntroPage(t.prisma, { title: "Nháp", slug: "nhap-co-tieng-anh", titleEn: "Draft", slugEn: "draft-page", bodyEn: "<p>Draft.</p>", status: "draft" });
    await t.changed();
    await get(t, "/en/draft-page").expect(404);
  });

  it("shows an English page with its breadcrumb, menu and print view", async () => {
    const t = await createTestApp();
    const functions = await t.prisma.introPage.findUniqueOrThrow({ where: { slug: "chuc-nang-nhiem-vu" } });
    await buildIntroPage(t.prisma, { title: "Quy chế làm việc", slug: "quy-che", parentId: functions.id, titleEn: "Working rules", slugEn: "working-rules", bodyEn: "<p>The Office works under rules set by the Director.</p>" });
    await t.changed();
    const res = await get(t, "/en/working-rules").expect(200);
    expect(res.text).toContain('<a href="/en">English</a> › <a href="/en/functions-and-duties">Functions and duties</a></nav>');
    expect(res.text).toContain('<h1 class="article-title">Working rules</h1>');
    expect(res.text).toContain("<p>The Office works under rules set by the Director.</p>");
    expect(res.text).toContain('<a href="/en/working-rules" aria-current="page">Working rules</a>');
    expect(res.text).toContain('<a href="/en/organisation">Organisation</a>');
    expect(res.text).toContain('<a href="/en/contact">Contact</a>');
    const print = await get(t, "/en/working-rules?in=1").expect(200);
    expect(print.text).toContain("Printable version.");
    await expectValid(res.text, "/en/working-rules");
  });

  it("draws the organisation with the units' English names and the leaders' English positions, Vietnamese (marked so) where none is written", async () => {
    const t = await createTestApp();
    const office = await seededOffice(t.prisma);
    await buildUnit(t.prisma, { name: "Tổ Tổng hợp", slug: "to-tong-hop", parentId: office.id });
    await buildPerson(t.prisma, { name: "Mai Văn Lực", position: "Phó Trưởng phòng", leader: true, sortOrder: 99 });
    await t.changed();
    const res = await get(t, "/en/organisation").expect(200);
    expect(res.text).toContain('<h1 class="article-title">Organisation</h1>');
    expect(res.text).toContain("<span>Administrative Reform Office</span>");
    expect(res.text).toContain("<span>E-Government Division</span>");
    expect(res.text).toContain('<span lang="vi">Tổ Tổng hợp</span>');
    expect(res.text).toContain('<p class="leader-position">Head of Office</p>');
    expect(res.text).toContain('<p class="leader-position" lang="vi">Phó Trưởng phòng</p>');
    expect(res.text).toContain("Born in 1975 in Can Tho.");
    await expectValid(res.text, "/en/organisation");
  });

  it("lists the contacts in English: the office, the units and the officials", async () => {
    const t = await createTestApp();
    const res = await get(t, "/en/contact").expect(200);
    expect(res.text).toContain("<dt>E-mail</dt><dd><a href=\"mailto:sonoivu@cantho.gov.vn\">sonoivu@cantho.gov.vn</a>");
    expect(res.text).toContain('<th scope="row"><span>Administrative Procedure Control Division</span></th>');
    expect(res.text).toContain('<td data-label="Position"><span>Deputy Head of Office, in charge of e-government</span></td>');
    await expectValid(res.text, "/en/contact");
  });

  it("has no English side without an English site name, and no English organisation without an English unit name", async () => {
    const t = await createTestApp();
    await t.prisma.department.updateMany({ data: { nameEn: "" } });
    await t.changed();
    await get(t, "/en/organisation").expect(404);
    const chart = await get(t, "/gioi-thieu/co-cau-to-chuc").expect(200);
    // No alternate page (the top bar's language link still leads to /en).
    expect(chart.text).not.toContain('<link rel="alternate" hreflang="en"');
    expect(chart.text).toContain('<p class="topbar-language"><a href="/en" hreflang="en"');
    await t.prisma.siteSettings.update({ where: { id: 1 }, data: { siteNameEn: "" } });
    await t.changed();
    for (const path of ["/en", "/en/contact", "/en/functions-and-duties"]) await get(t, path).expect(404);
    const functions = await get(t, "/gioi-thieu/chuc-nang-nhiem-vu").expect(200);
    expect(functions.text).not.toContain('class="language-switch"');
  });

  it("exports englishAlternateOf(path) for the header's language switch", async () => {
    const t = await createTestApp();
    const cache = createPublicCache(t.prisma, () => new Date());
    expect(await englishAlternateOf(t.prisma, cache, "/gioi-thieu/chuc-nang-nhiem-vu")).toBe("/en/functions-and-duties");
    expect(await englishAlternateOf(t.prisma, cache, "/gioi-thieu/co-cau-to-chuc/")).toBe("/en/organisation");
    expect(await englishAlternateOf(t.prisma, cache, "/lien-he")).toBe("/en/contact");
    expect(await englishAlternateOf(t.prisma, cache, "/")).toBe("/en");
    expect(await englishAlternateOf(t.prisma, cache, "/gioi-thieu/lich-su-hinh-thanh")).toBeNull();
    expect(await englishAlternateOf(t.prisma, cache, "/tin-tuc/bat-ky")).toBeNull();
  });
});
