import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";
import { buildArticle } from "../helpers/factories.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";

// Bulk actions in Chromium: "select all" with JavaScript, the row checkboxes alone without it (they
// sit in the table and belong to the action bar's form through their form attribute).
const AXE = fs.readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");

let t: TestApp;
let base: string;
let browser: Browser;
let editor: { id: number; email: string };
beforeAll(async () => {
  t = await createTestApp();
  editor = await buildUser(t.prisma, { role: "editor" });
  base = await serve(t);
  browser = await launchBrowser();
});

async function signIn(width: number, javaScriptEnabled: boolean): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN", javaScriptEnabled });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  await page.goto(`${base}/admin/login`);
  await page.fill("#email", editor.email);
  await page.fill("#password", TEST_PASSWORD);
  await Promise.all([page.waitForURL(`${base}/admin`), page.click("main button[type=submit]")]);
  return { page, problems };
}

async function seriousAxeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} @ ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

/** Sends the action bar and waits for the page it leads to (the list's own address, so waitForURL would not wait). */
async function submit(page: Page): Promise<void> {
  const posted = page.waitForResponse((r) => r.url() === `${base}/admin/articles/bulk` && r.request().method() === "POST");
  const loaded = page.waitForEvent("load");
  await page.getByRole("button", { name: "Áp dụng cho các bài đã chọn" }).click();
  expect((await posted).status()).toBe(303);
  await loaded;
}

const drafts = async (marker: string, count: number) => {
  const made = [];
  for (let i = 1; i <= count; i++) {
    made.push(await buildArticle(t.prisma, { status: "draft", publishedAt: null, createdById: editor.id, title: `Bản nháp hàng loạt ${marker} số ${i}` }));
  }
  return made;
};

describe("bulk actions in the browser", () => {
  it.each([1280, 360])("at %i px: select all ticks the page's articles, publish applies to each; no axe problem, no sideways scrolling", async (width) => {
    const marker = `w${width}`;
    const made = await drafts(marker, 3);
    const { page, problems } = await signIn(width, true);
    const list = `${base}/admin/articles?status=draft&q=${marker}`;
    await page.goto(list);
    expect(await seriousAxeProblems(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await page.getByLabel("Chọn tất cả bài trên trang này").check();
    for (const a of made) expect(await page.locator(`#bulk-id-${a.id}`).isChecked()).toBe(true);
    await expect.poll(() => page.locator("[data-bulk-count]").textContent()).toBe("Đã chọn 3 bài.");
    await page.locator(`#bulk-id-${made[0]!.id}`).uncheck();
    expect(await page.locator("#bulk-all").evaluate((box: HTMLInputElement) => box.indeterminate)).toBe(true);
    await page.getByLabel("Chọn tất cả bài trên trang này").check();

    await page.getByLabel("Thao tác với các bài đã chọn").selectOption("publish");
    await submit(page);
    expect(page.url()).toBe(list);
    expect(await page.locator(".notice-success").textContent()).toContain("Đã xuất bản 3 bài.");
    for (const a of made) expect((await t.prisma.article.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("published");
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("without JavaScript: no select-all box, a ticked row's checkbox is sent with the action bar", async () => {
    const [first, second] = await drafts("khongjs", 2);
    const { page } = await signIn(1280, false);
    const list = `${base}/admin/articles?status=draft&q=khongjs`;
    await page.goto(list);
    expect(await page.locator("#bulk-all").isVisible()).toBe(false);
    await page.getByLabel(`Chọn bài: ${second!.title}`).check();
    await page.getByLabel("Thao tác với các bài đã chọn").selectOption("trash");
    await submit(page);
    expect(page.url()).toBe(list);
    expect(await page.locator(".notice-success").textContent()).toContain("Đã chuyển 1 bài vào thùng rác.");
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: second!.id } })).deletedAt).not.toBeNull();
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: first!.id } })).deletedAt).toBeNull();
    await page.context().close();
  }, 60_000);
});
