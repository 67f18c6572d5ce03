import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { buildArticle, buildCategory } from "../../helpers/factories.js";

const SITE = "https://cchc.cantho.gov.vn";
const SITE_NAME = "Trang Thông tin điện tử Cải cách hành chính thành phố Cần Thơ";
const SHORT_NAME = "Cải cách hành chính thành phố Cần Thơ";
const MAIN_TITLE = "Thành phố Cần Thơ phân tích Chỉ số cải cách hành chính cấp tỉnh năm 2016";
const ARTICLE = "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016";
const clock = testClock("2027-06-01T03:00:00Z");

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock, env: { SITE_URL: SITE } });
});

const decode = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The <head> as a reader's tools see it: title, meta by name/property, links by rel, JSON-LD. */
async function head(url: string) {
  const res = await request(t.app).get(url);
  const headHtml = res.text.slice(0, res.text.indexOf("</head>"));
  const meta = new Map<string, string>();
  for (const m of headHtml.matchAll(/<meta (?:name|property)="([^"]+)" content="([^"]*)">/g)) meta.set(m[1]!, decode(m[2]!));
  const links = [...headHtml.matchAll(/<link rel="([^"]+)"(?: type="([^"]+)")?(?: title="([^"]*)")? href="([^"]+)"/g)].map((m) => ({
    rel: m[1]!, type: m[2], title: m[3] && decode(m[3]), href: decode(m[4]!),
  }));
  const ld = [...headHtml.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
  return {
    status: res.status,
    html: res.text,
    title: decode(/<title>([^<]*)<\/title>/.exec(headHtml)![1]!),
    description: meta.get("description") ?? "",
    meta,
    canonical: links.find((l) => l.rel === "canonical")?.href ?? null,
    links,
    ld,
  };
}

describe("article page", () => {
  it("has a canonical URL, a title from the headline and the summary as description", async () => {
    const h = await head(ARTICLE);
    expect(h.canonical).toBe(`${SITE}${ARTICLE}`);
    expect(h.title).toBe(MAIN_TITLE); // 73 characters: the site name is dropped rather than the headline cut
    expect(h.description).toMatch(/^Sáng ngày 01 tháng 8, ông Võ Thành Thống Chủ tịch Ủy ban nhân dân thành phố Cần Thơ đã chủ trì/);
    expect(h.meta.has("robots")).toBe(false);
  });

  it("has OpenGraph and Twitter card tags with the cover photo as an absolute URL", async () => {
    const { meta } = await head(ARTICLE);
    expect(meta.get("og:type")).toBe("article");
    expect(meta.get("og:title")).toBe(MAIN_TITLE);
    expect(meta.get("og:url")).toBe(`${SITE}${ARTICLE}`);
    expect(meta.get("og:locale")).toBe("vi_VN");
    expect(meta.get("og:site_name")).toBe(SITE_NAME);
    expect(meta.get("og:description")).toMatch(/^Sáng ngày 01 tháng 8/);
    expect(meta.get("og:image")).toMatch(/^https:\/\/cchc\.cantho\.gov\.vn\/uploads\/[0-9a-f]+-1200\.jpg$/);
    expect(meta.get("og:image:width")).toBe("1200");
    expect(meta.get("og:image:height")).toBe("800");
    expect(meta.get("og:image:alt")).toBe("Quang cảnh cuộc họp phân tích chỉ số cải cách hành chính cấp tỉnh năm 2016");
    expect(meta.get("article:published_time")).toBe("2017-08-01T15:09:00+07:00");
    expect(meta.get("article:section")).toBe("Chỉ số cải cách hành chính");
    expect(meta.get("twitter:card")).toBe("summary_large_image");
    expect(meta.get("twitter:image")).toBe(meta.get("og:image"));
    expect(meta.get("twitter:title")).toBe(MAIN_TITLE);
    const image = await request(t.app).get(new URL(meta.get("og:image")!).pathname);
    expect(image.status).toBe(200);
  });

  it("has JSON-LD NewsArticle with headline, dates in Vietnam time, author, publisher and image", async () => {
    const { ld } = await head(ARTICLE);
    expect(ld).toHaveLength(1);
    const a = ld[0]!;
    expect(a["@context"]).toBe("https://schema.org");
    expect(a["@type"]).toBe("NewsArticle");
    expect(a["headline"]).toBe(MAIN_TITLE);
    expect(a["datePublished"]).toBe("2017-08-01T15:09:00+07:00");
    expect(a["dateModified"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(a["author"]).toEqual([{ "@type": "Person", name: "Trung Hậu", url: `${SITE}/tac-gia/trung-hau` }]);
    expect(a["publisher"]).toEqual({
      "@type": "Organization",
      name: SITE_NAME,
      url: `${SITE}/`,
      logo: { "@type": "ImageObject", url: `${SITE}/assets/img/logo.png`, width: 512, height: 512 },
    });
    expect(a["image"]).toHaveLength(4);
    expect(a["mainEntityOfPage"]).toEqual({ "@type": "WebPage", "@id": `${SITE}${ARTICLE}` });
    expect((await request(t.app).get("/assets/img/logo.png")).status).toBe(200);
  });

  it("has Dublin Core tags", async () => {
    const h = await head(ARTICLE);
    expect(h.links).toContainEqual({ rel: "schema.DC", type: undefined, title: undefined, href: "http://purl.org/dc/elements/1.1/" });
    expect(Object.fromEntries([...h.meta].filter(([k]) => k.startsWith("DC.")))).toEqual({
      "DC.title": MAIN_TITLE,
      "DC.creator": "Trung Hậu",
      "DC.subject": "Chỉ số cải cách hành chính",
      "DC.description": h.description,
      "DC.publisher": SITE_NAME,
      "DC.date": "2017-08-01",
      "DC.type": "Text",
      "DC.identifier": `${SITE}${ARTICLE}`,
      "DC.language": "vi",
    });
  });

  it("an article without photo or author shares the site picture and names the office", async () => {
    const article = await buildArticle(t.prisma, { title: "Thông báo lịch tiếp công dân", summary: "Lịch tiếp công dân tháng 6.", publishedAt: new Date("2027-05-30T01:00:00Z") });
    const h = await head(`/tin-tuc/${article.slug}`);
    expect(h.title).toBe(`Thông báo lịch tiếp công dân | ${SHORT_NAME}`);
    expect(h.meta.get("og:image")).toBe(`${SITE}/assets/img/chia-se.png`);
    expect(h.meta.get("og:image:width")).toBe("1200");
    expect(h.meta.get("og:image:height")).toBe("630");
    expect(h.ld[0]!["author"]).toEqual([{ "@type": "Organization", name: "Cải cách hành chính TPCT" }]);
    expect(h.ld[0]!["datePublished"]).toBe("2027-05-30T08:00:00+07:00");
    expect(h.meta.get("DC.creator")).toBe("Cải cách hành chính TPCT");
    expect((await request(t.app).get("/assets/img/chia-se.png")).status).toBe(200);
  });

  it("text that could close the JSON-LD block stays inside it", async () => {
    const title = `Tin </script><script>alert(1)</script> "ngoặc" & ${Date.now()}`;
    const article = await buildArticle(t.prisma, { title, publishedAt: new Date("2027-05-30T01:00:00Z") });
    const h = await head(`/tin-tuc/${article.slug}`);
    expect(h.html).not.toContain("<script>alert(1)");
    expect(h.ld[0]!["headline"]).toBe(title);
    expect(h.title).toBe(title);
  });

  it("the print view keeps the article's canonical URL and is not indexed", async () => {
    const h = await head(`${ARTICLE}?in=1&utm_source=zalo`);
    expect(h.canonical).toBe(`${SITE}${ARTICLE}`);
    expect(h.meta.get("robots")).toBe("noindex, follow");
  });
});

describe("other pages", () => {
  it("home: website tags, the full site name as title, the RSS feed advertised", async () => {
    const h = await head("/?utm_campaign=x");
    expect(h.title).toBe(SITE_NAME);
    expect(h.canonical).toBe(`${SITE}/`);
    expect(h.meta.get("og:type")).toBe("website");
    expect(h.meta.get("og:image")).toBe(`${SITE}/assets/img/chia-se.png`);
    expect(h.description).toContain("đường dây nóng 0931.015.119");
    expect(h.links).toContainEqual({ rel: "alternate", type: "application/rss+xml", title: `Tin mới: ${SITE_NAME}`, href: `${SITE}/rss.xml` });
    expect(h.ld).toEqual([]);
  });

  it("a category's page 2 has its own title, canonical and description, and its feed", async () => {
    const category = await buildCategory(t.prisma, { name: "Cải cách thủ tục" });
    for (let i = 0; i < 12; i++) await buildArticle(t.prisma, { categoryId: category.id, publishedAt: new Date(Date.UTC(2027, 0, 1 + i)) });
    const h = await head(`/chuyen-muc/${category.slug}?trang=2`);
    expect(h.title).toBe(`Cải cách thủ tục - Trang 2 | ${SHORT_NAME}`);
    expect(h.canonical).toBe(`${SITE}/chuyen-muc/${category.slug}?trang=2`);
    expect(h.description).toBe(`Chuyên mục “Cải cách thủ tục” - trang 2: các bài viết mới nhất trên ${SITE_NAME}.`);
    expect(h.links).toContainEqual({ rel: "alternate", type: "application/rss+xml", title: "Chuyên mục Cải cách thủ tục", href: `${SITE}/chuyen-muc/${category.slug}/rss.xml` });
    const first = await head(`/chuyen-muc/${category.slug}?trang=1`);
    expect(first.canonical).toBe(`${SITE}/chuyen-muc/${category.slug}`);
  });

  it("contact: its own description with the hotline", async () => {
    const h = await head("/lien-he");
    expect(h.title).toBe(`Liên hệ | ${SHORT_NAME}`);
    expect(h.description).toBe("Địa chỉ, đường dây nóng 0931.015.119, điện thoại và thư điện tử của Cải cách hành chính TPCT; gửi góp ý, phản ánh trực tuyến.");
    expect(h.canonical).toBe(`${SITE}/lien-he`);
  });

  it("search: not indexed, canonical keeps the query", async () => {
    const h = await head("/tim-kiem?q=c%E1%BA%A7n+th%C6%A1&trang=1&x=1");
    expect(h.meta.get("robots")).toBe("noindex, follow");
    expect(h.title).toBe(`Tìm kiếm: cần thơ | ${SHORT_NAME}`);
    expect(h.canonical).toBe(`${SITE}/tim-kiem?q=c%E1%BA%A7n+th%C6%A1`);
  });

  it("error pages: not indexed and without a canonical URL", async () => {
    const h = await head("/khong-co-trang-nay");
    expect(h.status).toBe(404);
    expect(h.meta.get("robots")).toBe("noindex, follow");
    expect(h.canonical).toBeNull();
    expect(h.title).toBe(`Không tìm thấy trang | ${SHORT_NAME}`);
  });

  it("every page has its own meaningful title and a description", async () => {
    const urls = ["/", ARTICLE, "/chuyen-muc/chi-so-cai-cach-hanh-chinh", "/don-vi/phong-cchc", "/tac-gia/trung-hau", "/tim-kiem", "/lien-he"];
    const heads = await Promise.all(urls.map(head));
    expect(new Set(heads.map((h) => h.title)).size).toBe(urls.length);
    for (const h of heads) expect(h.description.length).toBeGreaterThan(50);
    expect(heads[3]!.title).toBe(`Phòng CCHC | ${SHORT_NAME}`);
    expect(heads[4]!.description).toBe(`Tác giả “Trung Hậu”: các bài viết mới nhất trên ${SITE_NAME}.`);
  });

  it("without SITE_URL the request's host is used when it is allowed, and the listening address otherwise", async () => {
    const own = await createTestApp({ clock, env: { ALLOWED_HOSTS: "cchc.example.vn" } });
    const res = await request(own.app).get(ARTICLE).set("Host", "cchc.example.vn");
    expect(res.text).toContain(`<link rel="canonical" href="http://cchc.example.vn${ARTICLE}">`);
    // Review finding 7: a forged Host header once reached canonical and og:url, and the page cache.
    const forged = await request(own.app).get(ARTICLE).set("Host", "attacker.example");
    expect(forged.text).not.toContain("attacker.example");
    expect(forged.text).toContain(`<meta property="og:url" content="http://cchc.example.vn${ARTICLE}">`);
    const again = await request(own.app).get(ARTICLE).set("Host", "cchc.example.vn");
    expect(again.text).not.toContain("attacker.example");
  });

  it("a fresh install with no settings links to the address it listens on", async () => {
    const own = await createTestApp({ clock, env: { PORT: "3000", HOST: "127.0.0.1" } });
    const local = await request(own.app).get(ARTICLE).set("Host", "localhost:3000");
    expect(local.text).toContain(`<link rel="canonical" href="http://localhost:3000${ARTICLE}">`);
    const forged = await request(own.app).get(ARTICLE).set("Host", "attacker.example:3000");
    expect(forged.text).toContain(`<link rel="canonical" href="http://127.0.0.1:3000${ARTICLE}">`);
  });
});
