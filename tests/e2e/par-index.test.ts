import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";
import { pageProblems } from "../helpers/page-checks.js";

// The PAR Index pages, the rating of a page and a notice in Chromium: axe-clean without sideways
// scrolling at 1280 and 360 px; the rating sent with and without JavaScript.

const ARTICLE = "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";
const WIDTHS = [1280, 360];

let t: TestApp;
let base: string;
let browser: Browser;
beforeAll(async () => {
  t = await createTestApp();
  base = await serve(t);
  browser = await launchBrowser();
});

/** A fresh browser at a width, collecting script errors and CSP complaints. */
async function open(width: number, javaScriptEnabled = true): Promise<{ page: Page; errors: string[] }> {
  // A desktop browser's user agent: headless Chromium's own says "HeadlessChrome", which the site treats as a robot.
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN", javaScriptEnabled, userAgent: BROWSER_UA });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, errors };
}

describe("the PAR Index pages in Chromium", () => {
  for (const width of WIDTHS) {
    for (const path of ["/chi-so-cchc", "/chi-so-cchc/2016", "/chi-so-cchc/2017", "/chi-so-cchc/2017?in=1", `/danh-gia?path=${encodeURIComponent(ARTICLE)}`]) {
      it(`${path} at ${width} px: axe-clean, no sideways scrolling, charts fit`, async () => {
        const { page, errors } = await open(width);
        await page.goto(base + path, { waitUntil: "load" });
        expect(await pageProblems(page)).toEqual([]);
        expect(errors).toEqual([]);
        const charts = await page.evaluate(() =>
          [...document.querySelectorAll("svg.chart")].map((svg) => {
            const box = svg.getBoundingClientRect();
            const parent = svg.parentElement!.getBoundingClientRect();
            return { width: box.width, parent: parent.width, label: svg.getAttribute("aria-labelledby") };
          }),
        );
        expect(charts.length).toBeGreaterThan(path.startsWith("/danh-gia") ? -1 : 0);
        for (const chart of charts) {
          expect(chart.width, chart.label!).toBeLessThanOrEqual(chart.parent + 0.5);
          expect(chart.width, chart.label!).toBeGreaterThan(200);
        }
        await page.context().close();
      });
    }
  }
});

describe("rating a page in Chromium", () => {
  it("with JavaScript: the form opens in place, is sent without leaving the page, and thanks the reader", async () => {
    const { page, errors } = await open(360);
    await page.goto(base + ARTICLE, { waitUntil: "load" });
    await page.getByRole("link", { name: /Đánh giá trang này/ }).click();
    await page.getByRole("group", { name: "Mức độ hữu ích của thông tin" }).waitFor();
    expect(page.url()).toBe(base + ARTICLE);
    expect(await pageProblems(page)).toEqual([]);
    await page.getByText("Hữu ích", { exact: true }).click();
    await page.getByLabel(/Ý kiến của bạn/).fill("Nên có thêm số liệu các năm sau.");
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await page.getByText("Cảm ơn bạn đã đánh giá.").waitFor();
    expect(page.url()).toBe(base + ARTICLE);
    expect(errors).toEqual([]);
    const stored = await t.prisma.rating.findFirstOrThrow({ where: { comment: "Nên có thêm số liệu các năm sau." } });
    expect(stored).toMatchObject({ path: ARTICLE, score: 4 });
    await page.context().close();
  });

  it("without JavaScript: the rating page, then back to the page with a thank-you; a second rating the same day is refused", async () => {
    const { page } = await open(1280, false);
    await page.goto(base + ARTICLE, { waitUntil: "load" });
    // (axe runs as a page script, so these pages are checked with JavaScript on, in the loop above.)
    await Promise.all([page.waitForURL(/\/danh-gia\?path=/), page.getByRole("link", { name: /Đánh giá trang này/ }).click()]);
    await page.getByText("Rất hữu ích", { exact: true }).click();
    await Promise.all([page.waitForURL(`${base}${ARTICLE}?danh-gia=cam-on#danh-gia`), page.getByRole("button", { name: "Gửi đánh giá" }).click()]);
    expect(await page.getByText("Cảm ơn bạn đã đánh giá.").isVisible()).toBe(true);
    expect(await t.prisma.rating.count({ where: { path: ARTICLE, score: 5 } })).toBe(1);
    await page.goto(`${base}/danh-gia?path=${encodeURIComponent(ARTICLE)}`);
    await page.getByText("Không hữu ích", { exact: true }).click();
    await page.getByRole("button", { name: "Gửi đánh giá" }).click();
    await page.getByText("Bạn đã đánh giá trang này hôm nay.").waitFor();
    expect(await t.prisma.rating.count({ where: { path: ARTICLE, score: 1 } })).toBe(0);
    await page.context().close();
  });
});

describe("a notice and the admin pages in Chromium", () => {
  beforeAll(async () => {
    const day = 86_400_000;
    await t.prisma.notice.create({
      data: { text: "Hệ thống một cửa điện tử tạm ngừng để bảo trì; hồ sơ nộp trực tiếp vẫn được tiếp nhận.", level: "danger", outage: true, startsAt: new Date(Date.now() + 20 * day), endsAt: new Date(Date.now() + 21 * day) },
    });
    await t.changed();
  });

  for (const width of WIDTHS) {
    it(`a notice at the top of a page, and the admin PAR, ratings and notices pages, at ${width} px: axe-clean, no sideways scrolling`, { timeout: 120_000 }, async () => {
      const editor = await buildUser(t.prisma, { role: "editor" });
      const { page, errors } = await open(width);
      await page.goto(base + "/chi-so-cchc", { waitUntil: "load" });
      await page.getByText("Hệ thống một cửa điện tử tạm ngừng").waitFor();
      expect(await pageProblems(page)).toEqual([]);
      await page.goto(`${base}/admin/login`);
      await page.fill("#email", editor.email);
      await page.fill("#password", TEST_PASSWORD);
      await Promise.all([page.waitForURL(`${base}/admin`), page.click("main button[type=submit]")]);
      for (const path of ["/admin/par-index", "/admin/par-index/2016/edit", "/admin/ratings", "/admin/ratings/y-kien", "/admin/notices", "/admin/notices/new"]) {
        await page.goto(base + path, { waitUntil: "load" });
        expect(await pageProblems(page), `${path} at ${width}`).toEqual([]);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
