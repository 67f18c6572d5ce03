import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../helpers/app.js";
import { launchBrowser, serve } from "../helpers/browser.js";

// axe-core is injected with page.evaluate, which DevTools runs outside the page's CSP; the pages
// keep their real policy, so a CSP complaint (e.g. about the JSON-LD block) would still show.
const AXE = fs.readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");
const ARTICLE = "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";
const PAGES: [string, string][] = [
  ["trang chủ", "/"],
  ["bài viết", ARTICLE],
  ["chuyên mục", "/chuyen-muc/chi-so-cai-cach-hanh-chinh"],
  ["tìm kiếm có kết quả", "/tim-kiem?q=c%E1%BA%A7n+th%C6%A1"],
  ["liên hệ", "/lien-he"],
  ["đăng nhập quản trị", "/admin/login"],
  ["đơn vị", "/don-vi/phong-cchc"],
  ["tác giả", "/tac-gia/trung-hau"],
  ["không tìm thấy", "/khong-co-trang-nay"],
  ["bản in", `${ARTICLE}?in=1`],
];

let base: string;
let browser: Browser;
beforeAll(async () => {
  base = await serve(await createTestApp());
  browser = await launchBrowser();
});

interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Opens a page, failing on any CSP complaint or script error. */
async function open(url: string, options: { width?: number; cookie?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, locale: "vi-VN" });
  if (options.cookie) await context.addCookies([{ name: "cchc_hien_thi", value: options.cookie, url: base }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(base + url, { waitUntil: "load" });
  (page as Page & { problems: string[] }).problems = problems;
  return page;
}
const problemsOf = (page: Page) => (page as Page & { problems: string[] }).problems;

async function axe(page: Page): Promise<AxeResult[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeResult[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

describe("axe-core finds no serious or critical problem", () => {
  it.each(PAGES)("%s (%s)", async (_name, url) => {
    const page = await open(url);
    const violations = await axe(page);
    const summary = violations.map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    console.log(`[axe] ${url}: ${violations.length === 0 ? "không có vi phạm" : summary.join(" | ")}`);
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    expect(problemsOf(page).filter((p) => !p.includes("404"))).toEqual([]);
    await page.context().close();
  });

  it.each([
    ["chữ lớn, tương phản cao", "co-chu=lon&tuong-phan=cao&chu-chay=chay"],
    ["chữ nhỏ", "co-chu=nho&tuong-phan=thuong&chu-chay=dung"],
  ])("in the %s display mode too", async (_name, cookie) => {
    for (const url of ["/", ARTICLE, "/tim-kiem?q=can+tho", "/lien-he"]) {
      const page = await open(url, { cookie });
      const serious = (await axe(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${url} ${v.id}`)).toEqual([]);
      await page.context().close();
    }
  });

  it("the contact form with errors (sent empty)", async () => {
    const page = await open("/lien-he");
    await page.click("form.form button[type=submit]");
    await page.waitForSelector(".error-summary");
    const serious = (await axe(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => v.id)).toEqual([]);
    await page.context().close();
  });
});

describe("structure", () => {
  it.each(PAGES)("%s has one h1, headings in order, landmarks and a skip link", async (_name, url) => {
    const page = await open(url);
    const facts = await page.evaluate(() => {
      const levels = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => Number(h.tagName[1]));
      const skips = levels.filter((l, i) => i > 0 && l > levels[i - 1]! + 1);
      const skip = document.querySelector<HTMLAnchorElement>("a.skip-link");
      return {
        h1: document.querySelectorAll("h1").length,
        firstHeading: levels[0],
        skips,
        main: document.querySelectorAll("main").length,
        banner: document.querySelectorAll("body > header, header.site-header, header.admin-header").length,
        skipTarget: skip ? document.querySelector(skip.hash) !== null : false,
        title: document.title,
        description: document.querySelector("meta[name=description]")?.getAttribute("content") ?? "",
        lang: document.documentElement.lang,
      };
    });
    expect(facts.h1).toBe(1);
    expect(facts.firstHeading).toBe(1);
    expect(facts.skips).toEqual([]);
    expect(facts.main).toBe(1);
    expect(facts.banner).toBeGreaterThanOrEqual(1);
    expect(facts.skipTarget).toBe(true);
    expect(facts.lang).toBe("vi");
    expect(facts.title.length).toBeGreaterThan(5);
    expect(facts.description.length).toBeGreaterThan(40);
    await page.context().close();
  });
});

describe("JSON-LD under the Content Security Policy", () => {
  it("the NewsArticle block is read as data: no CSP violation, and it parses", async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    await page.goto(base + ARTICLE, { waitUntil: "load" });
    const ld = await page.evaluate(() => JSON.parse(document.querySelector('script[type="application/ld+json"]')!.textContent!) as { "@type": string; headline: string });
    expect(ld["@type"]).toBe("NewsArticle");
    expect(ld.headline).toBe("Thành phố Cần Thơ phân tích Chỉ số cải cách hành chính cấp tỉnh năm 2016");
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    await context.close();
  });
});

describe("keyboard only", () => {
  it("Tab reaches the skip link first, then the hotline and the search field", async () => {
    const page = await open("/");
    const reached: string[] = [];
    // Tab until the header search field has focus, noting every stop on the way.
    for (let i = 0; i < 60 && !reached.at(-1)?.startsWith("input#q-header"); i++) {
      await page.keyboard.press("Tab");
      reached.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return "";
          const style = getComputedStyle(el);
          const visible = style.outlineStyle !== "none" || style.boxShadow !== "none";
          return `${el.tagName.toLowerCase()}#${el.id}|${el.getAttribute("href") ?? ""}|${el.textContent?.trim().slice(0, 30)}|${visible ? "focus-visible" : "NO-FOCUS-STYLE"}`;
        }),
      );
    }
    expect(reached[0]).toMatch(/^a#\|#noi-dung\|Bỏ qua, đến nội dung chính\|focus-visible$/);
    expect(reached.findIndex((r) => r.includes("|tel:+84931015119|"))).toBeGreaterThan(0);
    expect(reached.at(-1)).toMatch(/^input#q-header\|/);
    expect(reached.filter((r) => r.endsWith("NO-FOCUS-STYLE"))).toEqual([]);
    // Typing a search and pressing Enter from the keyboard gives results.
    await page.keyboard.type("dong thap");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/tim-kiem\?q=dong\+thap/);
    expect(await page.textContent("ol.result-list")).toContain("Thành phố Cần Thơ phân tích Chỉ số");
    await page.context().close();
  });

  it("the skip link moves focus to the main content", async () => {
    const page = await open(ARTICLE);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("noi-dung");
    await page.context().close();
  });
});

describe("at 360 px nothing scrolls sideways", () => {
  it.each(PAGES)("%s", async (_name, url) => {
    for (const cookie of [undefined, "co-chu=lon&tuong-phan=cao&chu-chay=chay"]) {
      const page = await open(url, { width: 360, cookie });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${url} ${cookie ?? ""}`).toBeLessThanOrEqual(360);
      await page.context().close();
    }
  });
});
