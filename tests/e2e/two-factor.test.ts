import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";
import { testClock } from "../helpers/clock.js";
import { buildUser, TEST_PASSWORD } from "../helpers/login.js";
import { consoleErrors, pageProblems } from "../helpers/page-checks.js";
import { totpCode } from "../helpers/two-factor.js";

const clock = testClock("2026-11-27T02:00:10Z");
let t: TestApp;
let base: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  t = await createTestApp({ clock });
  base = await serve(t);
  browser = await launchBrowser();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/admin/login`);
  await page.fill("#email", email);
  await page.fill("#password", TEST_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
}

async function expectSound(page: Page, errors: string[], what: string) {
  expect(await pageProblems(page), what).toEqual([]);
  expect(errors, what).toEqual([]);
}

describe("two-factor pages in Chromium", () => {
  it.each([1280, 360])("enrolment, recovery codes and the code step work and read well at %i px", async (width) => {
    const user = await buildUser(t.prisma, { role: "admin" });
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN" });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await signIn(page, user.email);
    await page.goto(`${base}/admin/tai-khoan/hai-lop`);
    // The QR code is a data: image the CSP allows: it has loaded.
    expect(await page.$eval("img.qr-code", (img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await expectSound(page, errors, "enrolment");

    const secret = (await page.textContent("#khoa-bi-mat"))!.replace(/\s/g, "");
    await page.fill("#code", totpCode(secret, clock()));
    await Promise.all([page.waitForNavigation(), page.click("form[action='/admin/tai-khoan/hai-lop'] button")]);
    expect(await page.$$eval(".recovery-codes code", (codes) => codes.length)).toBe(10);
    await expectSound(page, errors, "recovery codes");

    await page.goto(`${base}/admin/tai-khoan/hai-lop`);
    await expectSound(page, errors, "second factor on");

    await page.click("form[action='/admin/logout'] button");
    clock.advance(30_000);
    await signIn(page, user.email);
    expect(new URL(page.url()).pathname).toBe("/admin/login/ma");
    await expectSound(page, errors, "code step");
    await page.fill("#code", totpCode(secret, clock()));
    await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
    expect(new URL(page.url()).pathname).toBe("/admin");
    await context.close();
  }, 120_000);
});
