import request from "supertest";
import { describe, expect, it } from "vitest";
import { SETTINGS } from "../../../prisma/seed-data.js";
import type { Clock } from "../../../src/lib/vi-time.js";
import { BROWSER_UA } from "../../helpers/app.js";
import { signedIn } from "../../helpers/articles.js";
import { serve } from "../../helpers/browser.js";
import { testClock } from "../../helpers/clock.js";
import { buildAuthor, buildCategory, buildDepartment } from "../../helpers/factories.js";

// Never stale: each test first reads the pages that show a thing (so any cache holds them), changes
// it through the admin HTTP endpoints, then checks the very next request to each of those pages.
// Pages are read by a new visitor (no cookie) and by a returning reader (the visit cookie the site
// set): a whole-page cache may treat the two differently, and neither may see an old page. Readers
// go to one listening server, as browsers do: supertest's request(app) listens on a new port for
// every request, so the Host header (part of the page cache's key) differs each time and no page
// would ever come from the cache.

const MAIN = "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";
const TICKER = "/tin-tuc/thanh-pho-can-tho-ban-hanh-quy-che-thuc-hien-co-che-mot-cua";
const MAIN_CATEGORY = "chi-so-cai-cach-hanh-chinh";

interface Page {
  path: string;
  status: number;
  text: string;
  label: string;
}

async function site(options: { clock?: Clock } = {}) {
  const staff = await signedIn("admin", options);
  const base = await serve(staff.t);
  const returning = request.agent(base);
  const readers = {
    "new visitor": (path: string) => request(base).get(path).set("user-agent", BROWSER_UA),
    "returning reader": (path: string) => returning.get(path).set("user-agent", BROWSER_UA),
  };
  /** An admin write as a script makes it (JSON, CSRF header); answers with its status checked by the caller. */
  const send = (path: string, body: object) => staff.agent.post(path).set("accept", "application/json").set("x-csrf-token", staff.csrf).send(body);
  return { ...staff, readers, send };
}
type Site = Awaited<ReturnType<typeof site>>;

/** Reads every page as each reader, one request each, and checks what came back. */
async function eachPage(s: Site, paths: string[], check: (page: Page) => void = () => {}) {
  for (const path of paths) {
    for (const [who, read] of Object.entries(s.readers)) {
      const res = await read(path);
      check({ path, status: res.status, text: res.text, label: `${path} (${who})` });
    }
  }
}

/** The link texts of every `<a href="href">` on a page, tags stripped. */
function linkTexts(html: string, href: string): string[] {
  const links = html.matchAll(new RegExp(`<a href="${href}"[^>]*>([\\s\\S]*?)</a>`, "g"));
  return [...links].map((m) => m[1]!.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim());
}

// ---- articles ----

interface Shown {
  id: number;
  slug: string;
  url: string;
  title: string;
  /** A search that finds it, typed without diacritics as readers do. */
  search: string;
  form: Record<string, unknown>;
  pages: { category: string; department: string; author: string };
}

const TITLE = "Huyện Phong Điền số hoá hồ sơ một cửa";

/** An article written through the admin, in its own category, department and author, in the ticker. */
async function writeArticle(s: Site, status: "draft" | "published", extra: Record<string, unknown> = {}): Promise<Shown> {
  const [category, department, author] = await Promise.all([buildCategory(s.t.prisma), buildDepartment(s.t.prisma), buildAuthor(s.t.prisma)]);
  const form = {
    title: TITLE,
    summary: "Người dân nộp hồ sơ trực tuyến tại bộ phận tiếp nhận.",
    body: "<p>Bộ phận một cửa tiếp nhận hồ sơ điện tử.</p>",
    categoryId: category.id,
    departmentId: department.id,
    authorId: author.id,
    ticker: true,
    status,
    ...extra,
  };
  const res = await s.send("/admin/articles", form).expect(201);
  const { slug } = await s.t.prisma.article.findUniqueOrThrow({ where: { id: res.body.id }, select: { slug: true } });
  const pages = { category: category.slug, department: department.slug, author: author.slug };
  // Its one later update sends the version it was created at (product.md).
  return { id: res.body.id, slug, url: `/tin-tuc/${slug}`, title: TITLE, search: "phong dien", form: { ...form, version: res.body.version }, pages };
}

type Where = "main" | "ticker" | "feed";

/** Every page that shows the article, and where: its main column (and the ticker), only the ticker, or a feed. */
function pagesOf(a: Shown): Record<string, Where> {
  const category = `/chuyen-muc/${a.pages.category}`;
  return {
    [a.url]: "main", "/": "main", [category]: "main", [`/don-vi/${a.pages.department}`]: "main", [`/tac-gia/${a.pages.author}`]: "main",
    [searchPath(a.search)]: "main", "/lien-he": "ticker", [MAIN]: "ticker",
    [`${category}/rss.xml`]: "feed", "/rss.xml": "feed", "/sitemap-bai-viet-1.xml": "feed",
  };
}

const searchPath = (q: string) => `/tim-kiem?q=${encodeURIComponent(q)}`;
const between = (html: string, start: string, end: string) => html.slice(html.indexOf(start), html.indexOf(end, html.indexOf(start)));
const mainOf = (html: string) => between(html, "<main", "</main>");
const tickerOf = (html: string) => between(html, '<section class="ticker', "</section>");

/** Its link and title in the ticker of every page and where the page lists it (search marks matched words, so only the link there). */
async function expectShown(s: Site, a: Shown) {
  const pages = pagesOf(a);
  await eachPage(s, Object.keys(pages), (page) => {
    expect(page.status, page.label).toBe(200);
    const where = pages[page.path]!;
    const parts = where === "feed" ? { feed: page.text } : { ticker: tickerOf(page.text), ...(where === "main" ? { main: mainOf(page.text) } : {}) };
    for (const [part, text] of Object.entries(parts)) {
      expect(text, `${page.label} ${part}`).toContain(a.url);
      if (!(part === "main" && page.path.startsWith("/tim-kiem"))) expect(text, `${page.label} ${part}`).toContain(a.title);
    }
  });
}

/** Its own page is a 404; no other page names or links it. */
async function expectGone(s: Site, a: Shown) {
  await eachPage(s, Object.keys(pagesOf(a)), (page) => {
    expect(page.status, page.label).toBe(page.path === a.url ? 404 : 200);
    if (page.path === a.url) return;
    expect(page.text, page.label).not.toContain(a.url);
    expect(page.text, page.label).not.toContain(a.title);
  });
}

/** What a search lists (the ticker above it may link the article whatever the search finds). */
const expectSearchLists = (s: Site, q: string, a: Shown, listed: boolean) =>
  eachPage(s, [searchPath(q)], (page) => {
    expect(page.status, page.label).toBe(200);
    expect(mainOf(page.text).includes(a.url), page.label).toBe(listed);
  });

type Action = (s: Site, a: Shown) => Promise<unknown>;
const setStatus = (status: string): Action => (s, a) => s.send(`/admin/articles/${a.id}`, { ...a.form, status }).expect(200);
const trash: Action = (s, a) => s.send(`/admin/articles/${a.id}/trash`, {}).expect(200);
const restore: Action = (s, a) => s.send(`/admin/articles/${a.id}/restore`, {}).expect(200);
const CHANGES: { change: string; start: "draft" | "published"; prepare?: Action; act: Action; shown: boolean }[] = [
  { change: "publish (a draft made public)", start: "draft", act: setStatus("published"), shown: true },
  { change: "unpublish (back to draft)", start: "published", act: setStatus("draft"), shown: false },
  { change: "move to trash", start: "published", act: trash, shown: false },
  { change: "restore from trash", start: "published", prepare: trash, act: restore, shown: true },
];

describe("articles: the next request after a change shows it on every page", () => {
  it.each(CHANGES)("$change: its page, the home page, its listings, feeds, sitemap, search and every page's ticker agree", async (c) => {
    const s = await site();
    const a = await writeArticle(s, c.start);
    await c.prepare?.(s, a);
    await (c.shown ? expectGone : expectShown)(s, a); // read in the old state: any cache now holds it
    await c.act(s, a);
    await (c.shown ? expectShown : expectGone)(s, a);
  });

  it("edit: a new title replaces the old one everywhere, search included", async () => {
    const s = await site();
    const a = await writeArticle(s, "published");
    const edited = { ...a, title: "Huyện Vĩnh Thạnh số hoá hồ sơ một cửa", search: "vinh thanh" };
    await expectShown(s, a);
    await expectSearchLists(s, edited.search, a, false);

    await s.send(`/admin/articles/${a.id}`, { ...a.form, title: edited.title }).expect(200);
    await expectShown(s, edited);
    await eachPage(s, Object.keys(pagesOf(a)), (page) => expect(page.text, page.label).not.toContain(a.title));
    await expectSearchLists(s, a.search, a, false);
  });

  it("delete for good: gone everywhere, and a new article at the same address shows its own text", async () => {
    const s = await site();
    const a = await writeArticle(s, "published");
    await expectShown(s, a);
    await trash(s, a);
    await s.send(`/admin/articles/${a.id}/delete`, {}).expect(200);
    await expectGone(s, a);

    const again = await writeArticle(s, "published", { body: "<p>Bài mới thay thế bài đã xoá.</p>" });
    expect(again.url).toBe(a.url); // the deleted article's address is free again
    await eachPage(s, [a.url], (page) => {
      expect(page.text, page.label).toContain("Bài mới thay thế bài đã xoá.");
      expect(page.text, page.label).not.toContain("Bộ phận một cửa tiếp nhận hồ sơ điện tử.");
    });
  });

  it("scheduled: absent before its time, on the home page and its listings at the next request once the clock passes it, with no write", async () => {
    const clock = testClock("2026-12-01T02:00:00Z"); // 09:00 in Vietnam
    const s = await site({ clock });
    const a = await writeArticle(s, "published", { publishedAt: "2026-12-01T15:30" });
    await expectGone(s, a);
    clock.set("2026-12-01T08:29:59Z");
    await expectGone(s, a);
    clock.set("2026-12-01T08:30:00Z"); // 15:30 in Vietnam
    await expectShown(s, a);
  });
});

describe("photos, categories, departments and settings: the next request shows the change", () => {
  it("a photo's caption, description and credit change under the article's figure", async () => {
    const s = await site();
    const main = await s.t.prisma.article.findFirstOrThrow({ where: { featured: true }, include: { photos: { orderBy: { position: "asc" }, include: { photo: true } } } });
    const photo = main.photos[0]!.photo;
    const figcaptions = (html: string) => [...html.matchAll(/<figcaption>([\s\S]*?)<\/figcaption>/g)].map((m) => m[1]!);
    // The home page shows the same photo as the featured card's cover, without any of its text.
    await eachPage(s, ["/"], (page) => expect(page.text, page.label).toContain(`/uploads/${photo.fileKey}-`));
    await eachPage(s, [MAIN], (page) => expect(figcaptions(page.text)[0], page.label).toContain(photo.caption));

    const text = { caption: "Toàn cảnh hội nghị phân tích chỉ số", alt: "Đại biểu dự hội nghị tại hội trường", credit: "Ảnh: Phòng CCHC" };
    await s.send(`/admin/media/${photo.id}`, text).expect(200);
    // The home page first: the article must be fresh even when it is not the first page asked for.
    await eachPage(s, ["/"], (page) => expect(page.text, page.label).toContain(`/uploads/${photo.fileKey}-`));
    await eachPage(s, [MAIN], (page) => {
      expect(figcaptions(page.text)[0], page.label).toBe(`${text.caption} <span class="credit">(${text.credit})</span>`);
      expect(page.text, page.label).toContain(`alt="${text.alt}"`);
    });
  });

  it("a category renamed: the navigation of every page, its listing heading, cards and feeds say the new name", async () => {
    const s = await site();
    const category = await s.t.prisma.category.findUniqueOrThrow({ where: { slug: MAIN_CATEGORY } });
    const href = `/chuyen-muc/${MAIN_CATEGORY}`;
    const pages = ["/", "/lien-he", MAIN, TICKER, href, "/chuyen-muc/hoi-dap", "/don-vi/phong-cchc", "/tac-gia/trung-hau", "/tim-kiem?q=can%20tho"];
    const renamed = "Chỉ số PAR Index thành phố";
    await eachPage(s, [...pages, "/rss.xml"]);

    await s.send(`/admin/categories/${category.id}`, { name: renamed, slug: category.slug, description: category.description }).expect(200);
    await eachPage(s, pages, (page) => {
      const texts = linkTexts(page.text, href);
      expect(texts.length, page.label).toBeGreaterThan(0);
      for (const text of texts) {
        expect(text, page.label).toContain(renamed);
        expect(text, page.label).not.toContain(category.name);
      }
    });
    await eachPage(s, [href], (page) => expect(page.text, page.label).toContain(`<h1 class="listing-title">${renamed}</h1>`));
    await eachPage(s, ["/rss.xml", `${href}/rss.xml`], (page) => expect(page.text, page.label).toContain(renamed));
  });

  it("a department renamed: the article bylines and the department's page say the new name", async () => {
    const s = await site();
    const department = await s.t.prisma.department.findUniqueOrThrow({ where: { slug: "phong-cchc" } });
    const href = `/don-vi/${department.slug}`;
    const renamed = "Phòng Cải cách hành chính Sở Nội vụ";
    await eachPage(s, [MAIN, TICKER, href]);

    await s.send(`/admin/departments/${department.id}`, { name: renamed, slug: department.slug, organization: department.organization }).expect(200);
    await eachPage(s, [MAIN, TICKER], (page) => expect(linkTexts(page.text, href), page.label).toEqual([renamed]));
    await eachPage(s, [href], (page) => expect(page.text, page.label).toContain(`<h1 class="listing-title">${renamed}</h1>`));
  });

  it("settings: the new hotline, names and footer on every page and in the feeds", async () => {
    const s = await site();
    const html = ["/", "/lien-he", MAIN, `/chuyen-muc/${MAIN_CATEGORY}`, "/tac-gia/trung-hau", "/tim-kiem?q=can%20tho"];
    const feeds = ["/rss.xml", "/sitemap-bai-viet-1.xml"];
    await eachPage(s, [...html, ...feeds], (page) => expect(page.text, page.label).toContain(SETTINGS.siteName));

    const { bannerPhotoId } = await s.t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } });
    const changed = { hotline1: "0292 3 888 999", siteName: "Cổng thông tin Cải cách hành chính Cần Thơ", shortName: "CCHC Cần Thơ", copyright: "© Phòng CCHC Cần Thơ 2026" };
    await s.send("/admin/settings", { ...SETTINGS, ...changed, bannerPhotoId: bannerPhotoId ?? "" }).expect(200);
    await eachPage(s, html, (page) => {
      expect(page.text, page.label).toContain(`<a class="tel" href="tel:+842923888999">${changed.hotline1}</a>`);
      expect(page.text, page.label).toContain(`<span class="site-title">${changed.shortName}</span>`);
      expect(page.text, page.label).toContain(`<p class="footer-copy">${changed.copyright}</p>`);
      expect(page.text, page.label).not.toContain(SETTINGS.hotline1);
      expect(page.text, page.label).not.toContain(SETTINGS.siteName);
    });
    await eachPage(s, feeds, (page) => {
      expect(page.text, page.label).toContain(changed.siteName);
      expect(page.text, page.label).not.toContain(SETTINGS.siteName);
    });
  });
});
