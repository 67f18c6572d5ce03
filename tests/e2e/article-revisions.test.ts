import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/lib/vi-time.js";
import { createArticle, updateArticle } from "../../src/services/article-workflow.js";
import { articleInput } from "../helpers/articles.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";

// axe-core runs through page.evaluate (outside the page's CSP), as in site-admin-a11y.test.ts.
const AXE = fs.readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");

let t: TestApp;
let base: string;
let browser: Browser;
let editorEmail: string;
let other: { id: number; email: string; name: string; role: "editor" };
let article: { id: number; first: number; second: number };

const input = articleInput;

beforeAll(async () => {
  t = await createTestApp();
  const editor = await buildUser(t.prisma, { role: "editor", name: "Nguyễn Văn An" });
  const second = await buildUser(t.prisma, { role: "editor", name: "Trần Thị Bình" });
  editorEmail = editor.email;
  other = { id: second.id, email: second.email, name: second.name, role: "editor" };
  const { id: categoryId } = await t.prisma.category.findFirstOrThrow({ orderBy: { position: "asc" } });
  const actor = { user: { id: editor.id, email: editor.email, name: editor.name, role: "editor" as const }, ip: "127.0.0.1" };
  const created = await createArticle(t.prisma, systemClock, actor, input(categoryId));
  await updateArticle(t.prisma, systemClock, actor, created.id, {
    ...input(categoryId, {
      title: "Cần Thơ tiếp nhận hồ sơ trực tuyến tại bộ phận một cửa",
      body: "<p>Sáng nay, <strong>bộ phận một cửa</strong> tiếp nhận hồ sơ trực tuyến.</p><p>Đoạn mới thêm.</p>",
    }),
    version: 1,
  });
  const revisions = await t.prisma.articleRevision.findMany({ where: { articleId: created.id }, orderBy: { id: "asc" } });
  article = { id: created.id, first: revisions[0]!.id, second: revisions[1]!.id };
  base = await serve(t);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function signIn(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN" });
  const page = await context.newPage();
  await page.goto(`${base}/admin/login`);
  await page.fill("#email", editorEmail);
  await page.fill("#password", TEST_PASSWORD);
  await Promise.all([page.waitForURL(`${base}/admin`), page.click("main button[type=submit]")]);
  return page;
}

/** No serious axe problem, no CSP error, no sideways scrolling. */
async function expectAccessible(page: Page, label: string, problems: string[]) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} @ ${v.targets.join(", ")}`), label).toEqual([]);
  // The browser notes the 409 answer itself in the console: that one is the point of the test.
  expect(problems.filter((p) => !p.includes("status of 409")), label).toEqual([]);
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
  );
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label}: ${wide.join(", ")}`).toBeLessThanOrEqual(0);
}

const consoleErrors = (page: Page) => {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  return problems;
};

describe("revisions and the conflict warning in Chromium", () => {
  it.each([1280, 360])("the revision list and the diff are accessible at %i px, and the list's form compares two", async (width) => {
    const page = await signIn(width);
    const problems = consoleErrors(page);
    await page.goto(`${base}/admin/articles/${article.id}/edit`);
    await page.getByRole("link", { name: "Lịch sử sửa đổi" }).click();
    await page.waitForURL(`${base}/admin/articles/${article.id}/revisions`);
    await expectAccessible(page, "revision list", problems);

    // The two newest are chosen by default; the compare button opens their diff.
    await page.getByRole("button", { name: "So sánh hai bản đã chọn" }).click();
    await page.waitForURL(/\/revisions\/compare\?/);
    const chosen = new URL(page.url()).searchParams;
    expect([chosen.get("from"), chosen.get("to")]).toEqual([String(article.first), String(article.second)]);
    expect(await page.locator(".diff-text del").first().textContent()).toBe("giấy");
    expect(await page.locator(".diff-text ins").first().textContent()).toBe("trực tuyến");
    // Not colour alone: struck through and underlined.
    expect(await page.locator(".diff-text del").first().evaluate((e) => getComputedStyle(e).textDecorationLine)).toBe("line-through");
    expect(await page.locator(".diff-text ins").first().evaluate((e) => getComputedStyle(e).textDecorationLine)).toBe("underline");
    await expectAccessible(page, "revision diff", problems);
    await page.context().close();
  });

  it.each([1280, 360])("a save over a newer version warns, keeps what was typed and shows the diff, accessibly, at %i px", async (width) => {
    const page = await signIn(width);
    const problems = consoleErrors(page);
    await page.goto(`${base}/admin/articles/${article.id}/edit`);
    const opened = await page.locator('input[name="version"]').inputValue();

    // Someone else saves while the form is open.
    const current = await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } });
    await updateArticle(t.prisma, systemClock, { user: other, ip: "127.0.0.1" }, article.id, {
      ...input(current.categoryId, { title: `Bản của Bình ${width}`, body: current.body }),
      version: Number(opened),
    });

    const typed = `Bản của An ${width}`;
    await page.getByLabel("Tiêu đề").fill(typed);
    await page.getByRole("button", { name: "Lưu bài viết" }).click();
    await expect.poll(() => page.locator(".conflict h2").count()).toBe(1);
    expect(await page.locator(".conflict h2").textContent()).toContain("Trần Thị Bình");
    expect(await page.getByLabel("Tiêu đề").inputValue()).toBe(typed);
    expect(await page.locator(".conflict .diff-text ins").first().textContent()).toContain("An");
    expect(await page.locator('input[name="version"]').inputValue()).toBe(String(Number(opened) + 1));
    await expectAccessible(page, "the form refused with 409", problems);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).title).toBe(`Bản của Bình ${width}`);
    await page.context().close();
  });
});
