import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";

// axe-core runs through page.evaluate (outside the page's CSP); the pages keep their real policy,
// so any inline style or script in them would still be reported as a console error.
const AXE = fs.readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let base: string;
let browser: Browser;
let email: string;
let paths: string[];
beforeAll(async () => {
  const t = await createTestApp();
  const admin = await buildUser(t.prisma, { role: "admin" });
  const editor = await buildUser(t.prisma, { role: "editor" });
  const message = await t.prisma.feedbackMessage.create({ data: { name: "Dân", email: "dan@example.com", subject: "Hỏi về một cửa", message: "Xin hỏi." } });
  await t.prisma.visitDay.createMany({ data: [{ day: "2020-01-01", count: 3 }] });
  email = admin.email;
  paths = [
    "/admin",
    "/admin/users",
    `/admin/users/${editor.id}`,
    "/admin/users/new",
    "/admin/tai-khoan/mat-khau",
    "/admin/settings",
    "/admin/categories",
    "/admin/authors/new",
    "/admin/feedback",
    `/admin/feedback/${message.id}`,
    "/admin/audit",
  ];
  base = await serve(t);
  browser = await launchBrowser();
});

async function signedIn(width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN" });
  const page = await context.newPage();
  await page.goto(`${base}/admin/login`);
  await page.fill("#email", email);
  await page.fill("#password", TEST_PASSWORD);
  await Promise.all([page.waitForURL(`${base}/admin`), page.click("main button[type=submit]")]);
  await page.close();
  return context;
}

describe("site-management pages in Chromium", () => {
  it.each([1280, 360])("have no serious accessibility problem, no CSP error and no sideways scrolling at %i px", async (width) => {
    const context = await signedIn(width);
    for (const url of paths) {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      await page.goto(base + url, { waitUntil: "load" });
      await page.evaluate(AXE);
      const violations = await page.evaluate(async () => {
        const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };
        const r = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
      });
      const serious = (violations as AxeViolation[]).filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.help} @ ${v.targets.join(", ")}`), url).toEqual([]);
      expect(problems, url).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, url).toBeLessThanOrEqual(0);
      await page.close();
    }
    await context.close();
  }, 120_000);
});
