import type { Browser } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";
import { consoleErrors, pageProblems } from "../helpers/page-checks.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";
import { buildLegalDocument, buildProcedure, buildSector } from "../helpers/procedures.js";

// The procedures section in Chromium: the list (with filters chosen) and a detail page with every
// part filled, axe-clean and without sideways scrolling on a wide screen and a phone; the print view;
// the list's filter form sent without JavaScript; the admin form at both widths.

let t: TestApp;
let base: string;
let browser: Browser;
let detail: string;
let sectorSlug: string;
let editor: { email: string };
beforeAll(async () => {
  t = await createTestApp();
  const sector = await buildSector(t.prisma, { name: "Tổ chức hành chính, đơn vị sự nghiệp" });
  sectorSlug = sector.slug;
  const law = await buildLegalDocument(t.prisma, { number: "120/2020/NĐ-CP", title: "Quy định về thành lập, tổ chức lại, giải thể đơn vị sự nghiệp công lập" });
  const procedure = await buildProcedure(t.prisma, {
    name: "Thẩm định tổ chức lại, giải thể đơn vị sự nghiệp công lập thuộc Ủy ban nhân dân thành phố Cần Thơ quản lý",
    code: "1.009319.000.00.00.H12",
    sectorId: sector.id,
    onlineLevel: "full",
    onlineUrl: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.009319.000.00.00.H12&co_quan=UBND-thanh-pho-Can-Tho",
    requirements: "<ul><li>Tờ trình đề nghị tổ chức lại, giải thể đơn vị sự nghiệp công lập</li><li>Đề án tổ chức lại hoặc giải thể</li></ul>",
    steps: "<ol><li>Nộp hồ sơ</li><li>Thẩm định</li><li>Trả kết quả</li></ol>",
  });
  await t.prisma.procedureLegalBasis.create({ data: { procedureId: procedure.id, documentId: law.id, position: 0 } });
  detail = `/thu-tuc-hanh-chinh/${procedure.slug}`;
  editor = await buildUser(t.prisma, { role: "editor" });
  await t.changed();
  base = await serve(t);
  browser = await launchBrowser();
});

describe.each([1280, 360])("at %i px", (width) => {
  it.each([
    ["the list", () => "/thu-tuc-hanh-chinh"],
    ["the filtered list", () => `/thu-tuc-hanh-chinh?q=tham+dinh&linh-vuc=${sectorSlug}&cap=tinh`],
    ["a procedure", () => detail],
    ["its print view", () => `${detail}?in=1`],
  ])("%s is axe-clean without sideways scrolling", async (_label, url) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN" });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(base + url());
    expect(await pageProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the online-service button is a large target, and the print view writes its address instead", async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(base + detail);
    const box = await page.locator("a.button-online").boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(await page.locator(".print-url").isVisible()).toBe(false);
    await page.goto(`${base}${detail}?in=1`);
    expect(await page.locator("a.button-online").isVisible()).toBe(false);
    expect(await page.locator(".print-url").isVisible()).toBe(true);
    await context.close();
  });

  it("the admin form is axe-clean without sideways scrolling", async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN" });
    const page = await context.newPage();
    await page.goto(`${base}/admin/login`);
    await page.fill("#email", editor.email);
    await page.fill("#password", TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click("main button[type=submit]")]);
    for (const url of ["/admin/procedures/new", "/admin/procedures"]) {
      await page.goto(base + url);
      expect(await pageProblems(page), url).toEqual([]);
    }
    await context.close();
  });
});

describe("without JavaScript", () => {
  it("the filter form sends its choices in the address, and the pages keep them", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/thu-tuc-hanh-chinh`);
    await page.fill("#q", "thẩm định");
    await page.selectOption("#linh-vuc", sectorSlug);
    await page.selectOption("#cap", "tinh");
    await Promise.all([page.waitForURL(/\/thu-tuc-hanh-chinh\?/), page.click("form.procedure-filters button[type=submit]")]);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: "thẩm định", "linh-vuc": sectorSlug, cap: "tinh" });
    expect(await page.locator(".procedure-list a").allTextContents()).toEqual([
      "Thẩm định tổ chức lại, giải thể đơn vị sự nghiệp công lập thuộc Ủy ban nhân dân thành phố Cần Thơ quản lý",
    ]);
    await context.close();
  });
});
