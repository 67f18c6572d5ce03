import type { Browser } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";
import { buildDocument, buildDocumentLists } from "../helpers/documents.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";
import { consoleErrors, pageProblems } from "../helpers/page-checks.js";

// The documents section in Chromium: the list (plain, filtered, with a bad date), a document with
// every part and its print view, axe-clean without sideways scrolling on a wide screen and a phone
// (the table becomes one card per document); the filter form sent without JavaScript; the admin
// list and form at both widths.

let t: TestApp;
let base: string;
let browser: Browser;
let detail: string;
let typeSlug: string;
let editor: { email: string };
beforeAll(async () => {
  t = await createTestApp();
  const { type, issuer, sector } = await buildDocumentLists(t.prisma, { type: "Quyết định thử", issuer: "Ủy ban nhân dân thành phố Cần Thơ (thử)", sector: "Kiểm soát thủ tục hành chính (thử)" });
  typeSlug = type.slug;
  const old = await buildDocument(t.prisma, {
    typeId: type.id,
    issuerId: issuer.id,
    number: "22/2017/QĐ-UBND-THU",
    title: "Ban hành Quy chế thực hiện cơ chế một cửa, một cửa liên thông tại các cơ quan hành chính nhà nước",
    issuedOn: "2017-07-21",
    expiresOn: "2019-07-10",
  });
  const doc = await buildDocument(t.prisma, {
    typeId: type.id,
    issuerId: issuer.id,
    sectorId: sector.id,
    number: "14/2019/QĐ-UBND-THU",
    title: "Ban hành Quy chế thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính trên địa bàn thành phố Cần Thơ",
    signer: "Lê Quang Mạnh",
    issuedOn: "2019-06-28",
    effectiveOn: "2019-07-10",
  });
  await t.prisma.legalDocument.update({ where: { id: doc.id }, data: { body: "<p><strong>Điều 1.</strong> Ban hành kèm theo Quyết định này Quy chế thực hiện cơ chế một cửa, một cửa liên thông.</p>" } });
  await t.prisma.documentLink.create({ data: { fromId: doc.id, toId: old.id, kind: "replaces" } });
  await t.prisma.attachment.create({
    data: { fileKey: `${"a".repeat(32)}.pdf`, originalName: "Quyết định 14-2019 (toàn văn).pdf", contentType: "application/pdf", extension: "pdf", size: 40_820, ownerType: "document", ownerId: doc.id },
  });
  detail = `/van-ban/${doc.slug}`;
  editor = await buildUser(t.prisma, { role: "editor" });
  await t.changed();
  base = await serve(t);
  browser = await launchBrowser();
});

describe.each([1280, 360])("at %i px", (width) => {
  it.each([
    ["the list", () => "/van-ban"],
    ["the filtered list", () => `/van-ban?q=mot+cua&loai=${typeSlug}&nam=2019&hieu-luc=con&tu=01/01/2019&den=2019-12-31`],
    ["the list with a bad date", () => "/van-ban?tu=31/02/2024"],
    ["a document", () => detail],
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

  it("the list stacks on a phone: each document one block, the number above its abstract", async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/van-ban?loai=${typeSlug}`);
    const row = page.locator(".document-table tbody tr").first();
    const number = await row.locator("th").boundingBox();
    const abstract = await row.locator("td").first().boundingBox();
    if (width < 640) expect(abstract!.y).toBeGreaterThan(number!.y + number!.height - 1);
    else expect(Math.abs(abstract!.y - number!.y)).toBeLessThan(20);
    await context.close();
  });

  it("the admin list and form are axe-clean without sideways scrolling", async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN" });
    const page = await context.newPage();
    await page.goto(`${base}/admin/login`);
    await page.fill("#email", editor.email);
    await page.fill("#password", TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click("main button[type=submit]")]);
    for (const path of ["/admin/documents", "/admin/documents/new", "/admin/document-types"]) {
      await page.goto(base + path);
      expect(await pageProblems(page), path).toEqual([]);
    }
    await context.close();
  });
});

describe("without JavaScript", () => {
  it("the filter form sends its choices and the page keeps them", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/van-ban`);
    await page.fill("#q", "quy che mot cua");
    await page.selectOption("#loai", typeSlug);
    await page.selectOption("#hieu-luc", "het");
    await Promise.all([page.waitForURL(/\/van-ban\?/), page.getByRole("button", { name: "Tìm văn bản" }).click()]);
    const url = new URL(page.url());
    expect(url.searchParams.get("q")).toBe("quy che mot cua");
    expect(url.searchParams.get("loai")).toBe(typeSlug);
    expect(url.searchParams.get("hieu-luc")).toBe("het");
    const numbers = await page.locator(".document-table tbody th").allTextContents();
    expect(numbers.map((n) => n.trim())).toEqual(["22/2017/QĐ-UBND-THU"]);
    expect(await page.locator("#hieu-luc").inputValue()).toBe("het");
    await context.close();
  });
});
