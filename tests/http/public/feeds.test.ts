import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { buildArticle, buildCategory } from "../../helpers/factories.js";
import { SITEMAP_SECTIONS, sitemapOfSection } from "../../../src/services/sitemap-sections.js";

const clock = testClock("2027-06-01T03:00:00Z");
const MAIN_TITLE = "Thành phố Cần Thơ phân tích Chỉ số cải cách hành chính cấp tỉnh năm 2016";
const TICKER_TITLE = "Thành phố Cần Thơ ban hành Quy chế thực hiện cơ chế một cửa";
const SITE_NAME = "Trang Thông tin điện tử Cải cách hành chính thành phố Cần Thơ";
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["item", "url", "image:image"].includes(name) });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { SITE_URL: "https://cchc.cantho.gov.vn/" } });
});

interface RssItem {
  title: string;
  link: string;
  guid: { "#text": string; "@isPermaLink": string };
  pubDate: string;
  description: string;
  category: { "#text": string; "@domain": string };
  enclosure?: { "@url": string; "@type": string; "@length": string };
}

/** Fetches and parses a feed: it must be well-formed XML first. */
// The articles are made by factories, behind the app's back: tell it, as an admin write would.
async function rss(url: string) {
  await t.changed();
  const res = await request(t.app).get(url);
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
  expect(XMLValidator.validate(res.text)).toBe(true);
  const doc = parser.parse(res.text) as { rss: { "@version": string; channel: { title: string; link: string; language: string; item?: RssItem[] } } };
  return { res, rss: doc.rss, items: doc.rss.channel.item ?? [] };
}

describe("RSS 2.0 at /rss.xml", () => {
  it("lists the published articles with Vietnamese titles intact and absolute links", async () => {
    const { rss: feed, items } = await rss("/rss.xml");
    expect(feed["@version"]).toBe("2.0");
    expect(feed.channel.title).toBe(SITE_NAME);
    expect(feed.channel.language).toBe("vi");
    expect(feed.channel.link).toBe("https://cchc.cantho.gov.vn/");
    const main = items.find((i) => i.title === MAIN_TITLE)!;
    expect(main).toBeDefined();
    expect(items.map((i) => i.title)).toContain(TICKER_TITLE);
    expect(main.link).toBe("https://cchc.cantho.gov.vn/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016");
    expect(main.guid).toEqual({ "#text": main.link, "@isPermaLink": "true" });
    expect(main.pubDate).toBe(new Date("2017-08-01T08:09:00Z").toUTCString());
    expect(main.description).toMatch(/^Sáng ngày 01 tháng 8, ông Võ Thành Thống Chủ tịch Ủy ban nhân dân/);
    expect(main.category["#text"]).toBe("Chỉ số cải cách hành chính");
  });

  it("carries the cover photo as an enclosure with its real size", async () => {
    const { items } = await rss("/rss.xml");
    const cover = items.find((i) => i.title === MAIN_TITLE)!.enclosure!;
    expect(cover["@type"]).toBe("image/jpeg");
    expect(cover["@url"]).toMatch(/^https:\/\/cchc\.cantho\.gov\.vn\/uploads\/[0-9a-f]+-960\.jpg$/);
    const file = path.join(t.config.uploadDir, path.basename(cover["@url"]));
    expect(Number(cover["@length"])).toBe(fs.statSync(file).size);
    expect(items.find((i) => i.title === TICKER_TITLE)!.enclosure).toBeUndefined();
  });

  it("keeps characters that are special in XML and drops those XML forbids", async () => {
    const title = `Tin "trích dẫn" & <thẻ> ]]> cuối\u0001 — Đắk Lắk ${Date.now()}`;
    const summary = 'Tóm tắt <img src=x onerror="alert(1)"> & ký hiệu ]]> <script>alert(2)</script> hết';
    await buildArticle(t.prisma, { title, summary, publishedAt: new Date("2027-05-31T00:00:00Z") });
    const { items } = await rss("/rss.xml");
    expect(items[0]!.title).toBe(title.replace("\u0001", ""));
    // Readers treat a description as HTML: the plain-text summary arrives escaped (review finding
    // 13), so they show its characters instead of running them, and "]]>" cannot end the CDATA.
    expect(items[0]!.description).toBe(
      "Tóm tắt &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; ký hiệu ]]&gt; &lt;script&gt;alert(2)&lt;/script&gt; hết",
    );
  });

  it("has the 20 newest published articles only: no drafts, trash or scheduled ones", async () => {
    const category = await buildCategory(t.prisma);
    for (let i = 0; i < 22; i++) {
      await buildArticle(t.prisma, { title: `Tin số ${i}`, categoryId: category.id, publishedAt: new Date(Date.UTC(2027, 3, 1 + i)) });
    }
    await buildArticle(t.prisma, { title: "Bản nháp", status: "draft", publishedAt: new Date("2027-05-30T00:00:00Z") });
    await buildArticle(t.prisma, { title: "Trong thùng rác", deletedAt: new Date(), publishedAt: new Date("2027-05-30T00:00:00Z") });
    await buildArticle(t.prisma, { title: "Hẹn giờ", publishedAt: new Date("2027-06-02T00:00:00Z") });
    const { items } = await rss("/rss.xml");
    expect(items).toHaveLength(20);
    const titles = items.map((i) => i.title);
    expect(titles).not.toContain("Bản nháp");
    expect(titles).not.toContain("Trong thùng rác");
    expect(titles).not.toContain("Hẹn giờ");
    const dates = items.map((i) => Date.parse(i.pubDate));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it("is cached for a few minutes and answers 304 when unchanged", async () => {
    const first = await request(t.app).get("/rss.xml");
    expect(first.headers["cache-control"]).toBe("public, max-age=300");
    expect(first.headers["etag"]).toBeTruthy();
    const again = await request(t.app).get("/rss.xml").set("If-None-Match", first.headers["etag"]!);
    expect(again.status).toBe(304);
  });

  it("is not counted as a visit", async () => {
    const before = (await request(t.app).get("/api/visits")).body as { total: number };
    for (const url of ["/rss.xml", "/sitemap.xml", "/robots.txt", "/chuyen-muc/hoi-dap/rss.xml"]) {
      const res = await request(t.app).get(url).set("User-Agent", BROWSER_UA);
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
    expect(((await request(t.app).get("/api/visits")).body as { total: number }).total).toBe(before.total);
  });
});

describe("RSS per category", () => {
  it("lists only that category's articles under its name", async () => {
    const { rss: feed, items } = await rss("/chuyen-muc/chi-so-cai-cach-hanh-chinh/rss.xml");
    expect(feed.channel.title).toBe(`Chỉ số cải cách hành chính | ${SITE_NAME}`);
    expect(feed.channel.link).toBe("https://cchc.cantho.gov.vn/chuyen-muc/chi-so-cai-cach-hanh-chinh");
    expect(items.map((i) => i.title)).toEqual([MAIN_TITLE]);
  });

  it("an empty category gives a valid feed without items", async () => {
    const { items } = await rss("/chuyen-muc/hoi-dap/rss.xml");
    expect(items).toEqual([]);
  });

  it("an unknown category is a 404 page, a malformed slug a 400", async () => {
    const missing = await request(t.app).get("/chuyen-muc/khong-co/rss.xml");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("Không tìm thấy chuyên mục này.");
    expect((await request(t.app).get("/chuyen-muc/KHONG_HOP_LE/rss.xml")).status).toBe(400);
  });
});

interface SitemapUrl {
  loc: string;
  lastmod: string;
  "image:image"?: { "image:loc": string }[];
  "news:news"?: { "news:title": string; "news:publication_date": string; "news:publication": { "news:name": string; "news:language": string } };
}

describe("sitemap.xml", () => {
  async function xml<T>(url: string): Promise<T> {
    const res = await request(t.app).get(url);
    expect(res.status, url).toBe(200);
    expect(res.headers["content-type"]).toBe("application/xml; charset=utf-8");
    expect(XMLValidator.validate(res.text)).toBe(true);
    return parser.parse(res.text) as T;
  }
  /** What a crawler finds: the index, then every file it lists. */
  async function sitemap() {
    await t.changed();
    const index = await xml<{ sitemapindex: { sitemap: { loc: string }[] | { loc: string } } }>("/sitemap.xml");
    const files = [index.sitemapindex.sitemap].flat().map((f) => f.loc.replace("https://cchc.cantho.gov.vn", ""));
    const urls = new Map<string, SitemapUrl>();
    for (const file of files) {
      for (const u of (await xml<{ urlset: { url?: SitemapUrl[] } }>(file)).urlset.url ?? []) urls.set(u.loc.replace("https://cchc.cantho.gov.vn", ""), u);
    }
    return Object.assign(urls, { files });
  }

  it("is an index of small files: the site's pages, then a thousand articles per file, newest first", async () => {
    const own = await createTestApp({ clock, env: { SITE_URL: "https://cchc.cantho.gov.vn/" } });
    const { id: categoryId } = await own.prisma.category.findFirstOrThrow();
    const base = { categoryId, status: "published", summary: "", body: "" };
    for (let chunk = 0; chunk < 11; chunk++) {
      await own.prisma.article.createMany({
        data: Array.from({ length: 100 }, (_, i) => ({ ...base, title: `Tin ${chunk * 100 + i}`, slug: `tin-so-${chunk * 100 + i}`, publishedAt: new Date(Date.UTC(2020, 0, 1, 0, chunk * 100 + i)) })),
      });
    }
    const saved = t;
    t = own;
    try {
      const urls = await sitemap();
      // The pages, one file per state-portal section (tested in site-search.test.ts), then the articles.
      const sections = SITEMAP_SECTIONS.map((section) => sitemapOfSection(section.slug));
      expect(urls.files).toEqual(["/sitemap-trang.xml", ...sections, "/sitemap-bai-viet-1.xml", "/sitemap-bai-viet-2.xml"]);
      const second = await xml<{ urlset: { url: SitemapUrl[] } }>("/sitemap-bai-viet-2.xml");
      // 1,100 made here and the seed's two (2017), newest first: the second file holds the oldest 102.
      expect(second.urlset.url).toHaveLength(102);
      expect(second.urlset.url[0]!.loc).toBe("https://cchc.cantho.gov.vn/tin-tuc/tin-so-99");
      expect(second.urlset.url.at(-3)!.loc).toBe("https://cchc.cantho.gov.vn/tin-tuc/tin-so-0");
      expect(urls.has("/tin-tuc/tin-so-1099")).toBe(true);
      await request(own.app).get("/sitemap-bai-viet-3.xml").expect(404);
      await request(own.app).get("/sitemap-bai-viet-0.xml").expect(400);
    } finally {
      t = saved;
    }
  });

  it("lists home, contact, categories, departments, authors and articles with lastmod", async () => {
    const urls = await sitemap();
    for (const p of ["/", "/lien-he", "/chuyen-muc/chi-so-cai-cach-hanh-chinh", "/chuyen-muc/mot-cua-mot-cua-lien-thong", "/don-vi/phong-cchc", "/tac-gia/trung-hau"]) {
      expect(urls.get(p), p).toBeDefined();
      expect(Number.isNaN(Date.parse(urls.get(p)!.lastmod))).toBe(false);
    }
    const article = await t.prisma.article.findFirstOrThrow({ where: { title: MAIN_TITLE } });
    const entry = urls.get(`/tin-tuc/${article.slug}`)!;
    expect(entry.lastmod).toBe(article.updatedAt.toISOString());
    expect(entry["news:news"]!["news:title"]).toBe(MAIN_TITLE);
    expect(entry["news:news"]!["news:publication"]).toEqual({ "news:name": SITE_NAME, "news:language": "vi" });
    expect(entry["image:image"]).toHaveLength(4);
    expect(entry["image:image"]![0]!["image:loc"]).toMatch(/^https:\/\/cchc\.cantho\.gov\.vn\/uploads\//);
  });

  it("leaves out unpublished articles, empty listings and the admin", async () => {
    const hidden = await buildArticle(t.prisma, { title: "Chưa đăng", status: "pending", publishedAt: null });
    const urls = await sitemap();
    expect(urls.has(`/tin-tuc/${hidden.slug}`)).toBe(false);
    expect(urls.has("/chuyen-muc/hoi-dap")).toBe(false);
    expect([...urls.keys()].some((u) => u.startsWith("/admin"))).toBe(false);
  });

  it("a category's lastmod follows its newest article, a scheduled one counting from its publication", async () => {
    const category = await buildCategory(t.prisma);
    const article = await buildArticle(t.prisma, { categoryId: category.id, publishedAt: new Date("2027-05-20T00:00:00Z") });
    const urls = await sitemap();
    expect(urls.get(`/chuyen-muc/${category.slug}`)!.lastmod).toBe("2027-05-20T00:00:00.000Z");
    expect(urls.get(`/tin-tuc/${article.slug}`)!.lastmod).toBe("2027-05-20T00:00:00.000Z");
  });
});

describe("robots.txt", () => {
  it("keeps crawlers out of the admin and points at the sitemap", async () => {
    const res = await request(t.app).get("/robots.txt");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.text).toContain("User-agent: *\nDisallow: /admin\n");
    expect(res.text).toContain("Sitemap: https://cchc.cantho.gov.vn/sitemap.xml\n");
  });

  it("without SITE_URL uses an allowed request host, and never a forged one, even in cached files", async () => {
    const own = await createTestApp({ clock, env: { ALLOWED_HOSTS: "cchc.example.vn:8080", PORT: "3000" } });
    const forged = await request(own.app).get("/robots.txt").set("Host", "evil.example");
    expect(forged.text).toContain("Sitemap: http://cchc.example.vn:8080/sitemap.xml");
    const res = await request(own.app).get("/robots.txt").set("Host", "cchc.example.vn:8080");
    expect(res.text).toContain("Sitemap: http://cchc.example.vn:8080/sitemap.xml");
    const script = await request(own.app).get("/robots.txt").set("Host", "evil.vn/<script>");
    expect(script.text).not.toContain("evil");
    for (const path of ["/rss.xml", "/sitemap.xml"]) {
      const feed = await request(own.app).get(path).set("Host", "evil.example");
      expect(feed.text, path).not.toContain("evil.example");
      expect(feed.text, path).toContain("http://cchc.example.vn:8080/");
    }
  });
});
