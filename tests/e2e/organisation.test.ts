import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";
import { consoleErrors, pageProblems } from "../helpers/page-checks.js";

// "Who we are" in Chromium: the chart, the directory and the English pages at 1280 and 360 px (no
// serious axe finding, no sideways scrolling), the chart's connector lines on a wide screen and a
// plain indented list on a phone, and the two editors of the introduction page form.

const PAGES = ["/gioi-thieu", "/gioi-thieu/chuc-nang-nhiem-vu", "/gioi-thieu/co-cau-to-chuc", "/danh-ba", "/danh-ba?q=truong%20phong", "/en", "/en/organisation", "/en/contact", "/en/functions-and-duties"];

const ADMIN_PAGES = ["/admin/intro-pages", "/admin/intro-pages/new", "/admin/departments", "/admin/departments/new", "/admin/people", "/admin/people/new", "/admin/settings/links", "/admin/settings/english"];

let t: TestApp;
let base: string;
let browser: Browser;
beforeAll(async () => {
  t = await createTestApp();
  base = await serve(t);
  browser = await launchBrowser();
});

async function open(path: string, width: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN" });
  const page = await context.newPage();
  const errors = consoleErrors(page);
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(base + path, { waitUntil: "load" });
  return { page, errors };
}

/** A new staff member signed in through the login form, on a page of the given width. */
async function signIn(role: "admin" | "editor", width: number): Promise<{ page: Page; errors: string[] }> {
  const user = await buildUser(t.prisma, { role });
  const { page, errors } = await open("/admin/login", width);
  await page.fill("#email", user.email);
  await page.fill("#password", TEST_PASSWORD);
  await Promise.all([page.waitForURL(`${base}/admin`), page.click("main button[type=submit]")]);
  return { page, errors };
}

describe("the organisation pages in the browser", () => {
  it.each([1280, 360])("at %i px every page is axe-clean, without sideways scrolling or console errors", async (width) => {
    for (const path of PAGES) {
      const { page, errors } = await open(path, width);
      expect(await pageProblems(page), `${path} at ${width}`).toEqual([]);
      expect(errors, path).toEqual([]);
      await page.context().close();
    }
  }, 180_000);

  it("draws connector lines between the office and its divisions on a wide screen, side by side", async () => {
    const { page } = await open("/gioi-thieu/co-cau-to-chuc", 1280);
    const row = page.locator("ul.org-row");
    expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe("flex");
    const line = await row.evaluate((el) => getComputedStyle(el, "::before").borderLeftWidth);
    expect(line).toBe("2px");
    const boxes = await page.locator("ul.org-row > li > .org-unit").evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
    expect(boxes.length).toBe(3);
    expect(new Set(boxes.map(Math.round)).size).toBe(1);
    await page.context().close();
  }, 60_000);

  it("shows the chart as a plain indented list on a phone, the directory as cards, and prints the chart without the menu", async () => {
    const { page } = await open("/gioi-thieu/co-cau-to-chuc", 360);
    const row = page.locator("ul.org-row");
    expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe("block");
    const [office, division] = await Promise.all([
      page.locator("#don-vi-phong-cai-cach-hanh-chinh").boundingBox(),
      page.locator("#don-vi-bo-phan-kiem-soat-thu-tuc-hanh-chinh").boundingBox(),
    ]);
    expect(division!.x).toBeGreaterThan(office!.x);
    expect(division!.y).toBeGreaterThan(office!.y);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".section-menu").isVisible()).toBe(false);
    expect(await page.locator(".org-chart").isVisible()).toBe(true);
    await page.goto(`${base}/danh-ba`);
    expect(await page.locator(".stack-table thead").first().evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
    expect(await page.locator(".stack-table tr").nth(1).evaluate((el) => getComputedStyle(el).display)).toBe("block");
    await page.context().close();
  }, 60_000);

  it("the directory form works without JavaScript", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 }, locale: "vi-VN", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/danh-ba`);
    await page.getByLabel("Tìm theo tên, đơn vị hoặc chức vụ").fill("tran quoc");
    await Promise.all([page.waitForURL(/q=tran\+quoc/), page.locator(".directory-form").getByRole("button", { name: "Tìm" }).click()]);
    expect(await page.locator(".stack-table th[scope=row]").allTextContents()).toEqual(["Trần Quốc Bảo (dữ liệu minh họa)"]);
    await context.close();
  }, 60_000);

  it.each([1280, 360])("at %i px the panel's screens of the section are axe-clean without sideways scrolling", async (width) => {
    const { page, errors } = await signIn("admin", width);
    for (const path of ADMIN_PAGES) {
      await page.goto(base + path);
      expect(await pageProblems(page), `${path} at ${width}`).toEqual([]);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it("the introduction page form gets an editor for the Vietnamese text and one for the English text, and saves both", async () => {
    const { page, errors } = await signIn("editor", 1280);
    await page.goto(`${base}/admin/intro-pages/new`);
    expect(await page.locator(".ql-editor").count()).toBe(2);
    expect(await pageProblems(page)).toEqual([]);
    await page.fill("#title", "Tiếp công dân");
    await page.locator(".ql-editor").first().click();
    await page.keyboard.type("Lịch tiếp công dân hằng tuần.");
    await page.fill("#titleEn", "Citizen reception");
    await page.locator(".ql-editor").nth(1).click();
    await page.keyboard.type("Weekly reception hours.");
    await Promise.all([page.waitForURL(`${base}/admin/intro-pages`), page.getByRole("button", { name: "Thêm trang" }).click()]);
    const saved = await t.prisma.introPage.findUniqueOrThrow({ where: { slug: "tiep-cong-dan" } });
    expect(saved.body).toBe("<p>Lịch tiếp công dân hằng tuần.</p>");
    expect(saved.bodyEn).toBe("<p>Weekly reception hours.</p>");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);
});
