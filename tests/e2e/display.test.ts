import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";

let base: string;
let browser: Browser;
beforeAll(async () => {
  base = await serve(await createTestApp());
  browser = await launchBrowser();
});

const fontSize = (page: Page) => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
const animation = (page: Page) =>
  page.evaluate(() => {
    const list = document.querySelector(".ticker-list")!;
    const style = getComputedStyle(list);
    return { name: style.animationName, state: style.animationPlayState };
  });

/** Without JavaScript a display link is a real navigation (via /hien-thi and back): wait for the new page. */
async function follow(page: Page, name: string) {
  const loaded = page.waitForEvent("load");
  await page.getByRole("link", { name }).click();
  await loaded;
}

describe("text size and contrast without JavaScript", () => {
  it("A+, A− and A change the text size and the choice survives a new visit", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/lien-he`);
    const normal = await fontSize(page);
    await follow(page, "A+ (chữ lớn)");
    expect(page.url()).toBe(`${base}/lien-he`);
    expect(await fontSize(page)).toBeCloseTo(normal * 1.25, 1);
    await page.goto(`${base}/`);
    expect(await fontSize(page)).toBeCloseTo(normal * 1.25, 1);
    await follow(page, "A− (chữ nhỏ)");
    expect(await fontSize(page)).toBeCloseTo(normal * 0.9, 1);
    await follow(page, "A (chữ vừa)");
    expect(await fontSize(page)).toBeCloseTo(normal, 1);
    await context.close();
  });

  it("high contrast turns the page white on black with yellow links, and back", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/chuyen-muc/chi-so-cai-cach-hanh-chinh`);
    await follow(page, "Tương phản cao");
    expect(page.url()).toBe(`${base}/chuyen-muc/chi-so-cai-cach-hanh-chinh`);
    const colours = await page.evaluate(() => ({
      body: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.querySelector("h1")!).color,
      link: getComputedStyle(document.querySelector(".card-title a")!).color,
    }));
    expect(colours).toEqual({ body: "rgb(0, 0, 0)", text: "rgb(255, 255, 255)", link: "rgb(255, 255, 0)" });
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.className)).toBe("contrast-high");
    await follow(page, "Tương phản thường");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(255, 255, 255)");
    await context.close();
  });
});

describe("the headline ticker", () => {
  it("scrolls gently, pauses under the mouse, and stops in place on keyboard focus", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await animation(page)).toEqual({ name: "ticker-scroll", state: "running" });
    await page.hover(".ticker-viewport");
    expect((await animation(page)).state).toBe("paused");
    await page.mouse.move(0, 0);
    await page.focus(".ticker-list a");
    expect((await animation(page)).name).toBe("none");
    const box = await page.locator(".ticker-list a").first().boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    await context.close();
  });

  it("does not move for readers who ask for reduced motion", async () => {
    const context = await browser.newContext({ reducedMotion: "reduce" });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect((await animation(page)).name).toBe("none");
    expect(await page.isVisible("[data-ticker-toggle]")).toBe(false);
    await context.close();
  });

  it("the stop link stops it at once with JavaScript, and for good", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "Dừng chữ chạy" }).click();
    expect((await animation(page)).name).toBe("none");
    expect(page.url()).toBe(`${base}/`);
    await expect.poll(async () => (await context.cookies()).find((c) => c.name === "cchc_hien_thi")?.value ?? "").toContain("chu-chay%3Ddung");
    await page.reload();
    expect((await animation(page)).name).toBe("none");
    await page.getByRole("link", { name: "Cho chữ chạy" }).click();
    expect((await animation(page)).name).toBe("ticker-scroll");
    await context.close();
  });

  it("the stop link works without JavaScript too", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/lien-he`);
    await follow(page, "Dừng chữ chạy");
    expect(page.url()).toBe(`${base}/lien-he`);
    expect((await animation(page)).name).toBe("none");
    await context.close();
  });
});
