import type { Browser, BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";

const ARTICLE = "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";
let base: string;
let browser: Browser;
beforeAll(async () => {
  base = await serve(await createTestApp({ env: { SITE_URL: "https://cchc.cantho.gov.vn" } }));
  browser = await launchBrowser();
});

const CHROME = [".topbar", ".banner", ".site-nav", ".category-nav", ".nav-search", ".ticker", ".page-aside", ".site-footer", ".breadcrumb", ".article-actions", ".related"];
const KEPT = [".print-site", "h1.article-title", ".article-stamp", ".article-summary", ".article-body", ".figure img", ".figure figcaption", ".byline", ".print-source"];

/** Which of the selectors are shown (at least one matching element with a box). */
async function shown(context: BrowserContext, url: string, media: "print" | "screen") {
  const page = await context.newPage();
  await page.emulateMedia({ media });
  await page.goto(base + url);
  const result = await page.evaluate((selectors) => {
    const out: Record<string, boolean> = {};
    for (const s of selectors) {
      out[s] = [...document.querySelectorAll(s)].some((el) => {
        const style = getComputedStyle(el);
        return style.display !== "none" && style.visibility !== "hidden" && el.getClientRects().length > 0;
      });
    }
    return out;
  }, [...CHROME, ...KEPT]);
  const source = await page.textContent(".print-source");
  const captions = await page.$$eval(".figure figcaption", (els) => els.length);
  await page.close();
  return { result, source, captions };
}

describe("printing an article", () => {
  it("paper shows title, stamp, body, figures with captions, byline and source, and no navigation", async () => {
    const context = await browser.newContext();
    const { result, source, captions } = await shown(context, ARTICLE, "print");
    for (const s of CHROME) expect(result[s], `${s} hidden on paper`).toBe(false);
    for (const s of KEPT) expect(result[s], `${s} printed`).toBe(true);
    expect(captions).toBe(4);
    expect(source).toBe(`Nguồn: Trang Thông tin điện tử Cải cách hành chính thành phố Cần Thơ — https://cchc.cantho.gov.vn${ARTICLE}`);
    await context.close();
  });

  it("on screen the source line stays hidden and the navigation shows", async () => {
    const context = await browser.newContext();
    const { result } = await shown(context, ARTICLE, "screen");
    expect(result[".print-source"]).toBe(false);
    expect(result[".site-nav"]).toBe(true);
    await context.close();
  });

  it("“In bài” opens the print dialog with JavaScript", async () => {
    const context = await browser.newContext();
    // Count calls instead of opening a real dialog; init scripts run outside the page's CSP.
    await context.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    const page = await context.newPage();
    await page.goto(base + ARTICLE);
    await page.getByRole("link", { name: "In bài" }).click();
    // The photos lower down are loaded first, then the dialog opens.
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    expect(await page.$$eval("img[loading='lazy']", (imgs) => imgs.length)).toBe(0);
    expect(page.url()).toBe(base + ARTICLE);
    await context.close();
  });

  it("without JavaScript “In bài” opens the print view, the same layout on screen", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(base + ARTICLE);
    await page.getByRole("link", { name: "In bài" }).click();
    await page.waitForURL(`${base}${ARTICLE}?in=1`);
    expect(await page.isVisible(".site-nav")).toBe(false);
    expect(await page.isVisible(".print-source")).toBe(true);
    expect(await page.isVisible(".print-note")).toBe(true);
    expect(await page.textContent(".print-note")).toContain("Ctrl+P");
    await page.emulateMedia({ media: "print" });
    expect(await page.isVisible(".print-note")).toBe(false);
    await context.close();
  });
});
