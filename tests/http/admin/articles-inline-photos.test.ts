import request from "supertest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { articleForm, idFromLocation } from "../../helpers/articles.js";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser, loginAs } from "../../helpers/login.js";

const expectValid = htmlChecker();
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => name === "item" });

let t: TestApp;
let editor: Awaited<ReturnType<typeof loginAs>>;
let photo: { id: number; fileKey: string; width: number; height: number; widths: string; caption: string; credit: string };
let second: typeof photo;

beforeAll(async () => {
  t = await createTestApp({ env: { SITE_URL: "https://cchc.cantho.gov.vn/" } });
  editor = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
  // Two seeded photos of the library, with their captions and credits made known here.
  const rows = await t.prisma.photo.findMany({ where: { caption: { not: "Banner" } }, orderBy: { id: "asc" }, take: 2 });
  const updated = await Promise.all(
    rows.map((row, i) =>
      t.prisma.photo.update({ where: { id: row.id }, data: { caption: i ? "Người dân nộp hồ sơ" : "Quang cảnh hội nghị", credit: i ? "Minh Tâm" : "Trung Hậu" } }),
    ),
  );
  [photo, second] = [updated[0]!, updated[1]!];
});

const middleWidth = (p: typeof photo) => p.widths.split(",").map(Number).find((w) => w >= 960) ?? Number(p.widths.split(",").at(-1));
const inline = (p: typeof photo, alt: string, extra = "") =>
  `<figure class="inline-photo"${extra}><img src="/uploads/${p.fileKey}-${middleWidth(p)}.webp" alt="${alt}" width="${p.width}" height="${p.height}">` +
  `<figcaption>${p.caption} — ${p.credit}</figcaption></figure>`;

/** Publishes an article with this body (no attached photos unless given); its stored row. */
async function publish(title: string, body: string, fields: Record<string, unknown> = {}) {
  const form = await articleForm(t, editor.csrf, { title, body, status: "published", ...fields });
  const res = await editor.agent.post("/admin/articles").type("form").send(form).expect(303);
  return t.prisma.article.findUniqueOrThrow({ where: { id: idFromLocation(res.headers.location) } });
}

describe("photos inside an article's text", () => {
  it("keeps figures of our stored photos only, without hostile attributes, and draws them like attached photos", async () => {
    const missingKey = "0123456789abcdef01234567";
    const body = [
      "<p>Đoạn một.</p>",
      inline(photo, "Hội nghị tổng kết", ' style="position:fixed" onclick="steal()"'),
      "<p>Đoạn hai.</p>",
      // Another host, a well-formed name of a photo we never stored, hostile attributes.
      `<figure class="inline-photo"><img src="https://evil.example/uploads/${photo.fileKey}-480.jpg" alt="x"><figcaption>Ảnh nơi khác</figcaption></figure>`,
      `<figure class="inline-photo"><img src="/uploads/${missingKey}-960.webp" alt="x"><figcaption>Ảnh không có</figcaption></figure>`,
      `<figure class="inline-photo"><img src="javascript:alert(1)" alt="x"><figcaption>Ảnh mã độc</figcaption></figure>`,
      `<p>Đoạn ba.</p>`,
      inline(second, "Người dân", "").replace("<img ", `<img onerror="steal()" srcset="https://evil.example/a.jpg 2x" loading="eager" `),
      "<p>Đoạn bốn.</p>",
    ].join("");
    const article = await publish("Hội nghị tổng kết công tác cải cách hành chính", body);

    // Stored: the two good figures in the editor's shape, nothing else of the others.
    expect(article.body).toBe(
      "<p>Đoạn một.</p>" +
        inline(photo, "Hội nghị tổng kết").replace(/(height="\d+")>/, "$1 />") +
        "<p>Đoạn hai.</p><p>Đoạn ba.</p>" +
        inline(second, "Người dân").replace(/(height="\d+")>/, "$1 />") +
        "<p>Đoạn bốn.</p>",
    );
    for (const gone of ["evil.example", missingKey, "javascript:", "onerror", "onclick", "style=", "srcset", "Ảnh nơi khác", "Ảnh không có", "Ảnh mã độc"]) {
      expect(article.body, gone).not.toContain(gone);
    }

    const page = await request(t.app).get(`/tin-tuc/${article.slug}`).expect(200);
    await expectValid(page.text, "article with inline photos");
    const bodyHtml = page.text.slice(page.text.indexOf('<div class="article-body">'), page.text.indexOf('<p class="article-links">'));
    const figures = [...bodyHtml.matchAll(/<figure class="figure">[\s\S]*?<\/figure>/g)].map((m) => m[0]);
    expect(figures).toHaveLength(2);
    const [first, later] = figures as [string, string];
    // Between the paragraphs where it was placed.
    expect(bodyHtml.indexOf("Đoạn một.")).toBeLessThan(bodyHtml.indexOf(first));
    expect(bodyHtml.indexOf(first)).toBeLessThan(bodyHtml.indexOf("Đoạn hai."));
    // Responsive sources from the stored widths, the true size, the alt typed in the editor, the caption under it.
    for (const w of photo.widths.split(",")) {
      expect(first).toContain(`/uploads/${photo.fileKey}-${w}.webp ${w}w`);
      expect(first).toContain(`/uploads/${photo.fileKey}-${w}.jpg ${w}w`);
    }
    expect(first).toContain('sizes="(min-width: 960px) 680px, 100vw"');
    expect(first).toContain(`width="${photo.width}" height="${photo.height}"`);
    expect(first).toContain('alt="Hội nghị tổng kết"');
    expect(first).toMatch(/<\/picture>\s*<figcaption>Quang cảnh hội nghị <span class="credit">\(Trung Hậu\)<\/span><\/figcaption>/);
    // No cover photo and little text before it: the first photo is on the first screen; the next is lazy.
    expect(first).not.toContain('loading="lazy"');
    expect(later).toContain('loading="lazy"');
    expect(later).toContain("Người dân nộp hồ sơ");

    // The print view loads every photo at once.
    const print = await request(t.app).get(`/tin-tuc/${article.slug}?in=1`).expect(200);
    const printBody = print.text.slice(print.text.indexOf('<div class="article-body">'), print.text.indexOf('<p class="article-links">'));
    expect(printBody.match(/<figure class="figure">/g)).toHaveLength(2);
    expect(printBody).not.toContain('loading="lazy"');

    // The feed carries the whole article with its photos at absolute addresses.
    const feed = await request(t.app).get("/rss.xml").expect(200);
    expect(XMLValidator.validate(feed.text)).toBe(true);
    const items = (parser.parse(feed.text) as { rss: { channel: { item: { title: string; "content:encoded": string }[] } } }).rss.channel.item;
    const content = items.find((i) => i.title === article.title)!["content:encoded"];
    expect(content).toContain("<p>Đoạn một.</p>");
    expect(content).toContain(`src="https://cchc.cantho.gov.vn/uploads/${photo.fileKey}-${middleWidth(photo)}.jpg"`);
    expect(content).toContain(`https://cchc.cantho.gov.vn/uploads/${photo.fileKey}-${photo.widths.split(",")[0]}.jpg ${photo.widths.split(",")[0]}w`);
    expect(content).toContain(`width="${photo.width}" height="${photo.height}"`);
    expect(content).toContain('alt="Hội nghị tổng kết"');
    expect(content).toContain('<figcaption>Quang cảnh hội nghị <span class="credit">(Trung Hậu)</span></figcaption>');
    expect(content.indexOf("Đoạn một.")).toBeLessThan(content.indexOf(photo.fileKey));
    expect(content.indexOf(photo.fileKey)).toBeLessThan(content.indexOf("Đoạn hai."));
    for (const gone of ["evil.example", missingKey, "onerror", "javascript:"]) expect(feed.text, gone).not.toContain(gone);
  });

  it("loads an inline photo lazily when a cover photo is above it, and lists the article as the photo's user", async () => {
    const article = await publish("Cần Thơ tiếp nhận hồ sơ trực tuyến", `<p>Mở đầu.</p>${inline(second, "Hồ sơ")}`, { photoIds: [String(photo.id)] });
    const page = await request(t.app).get(`/tin-tuc/${article.slug}`).expect(200);
    const bodyHtml = page.text.slice(page.text.indexOf('<div class="article-body">'), page.text.indexOf('<p class="article-links">'));
    expect(bodyHtml).toMatch(/<figure class="figure">[\s\S]*loading="lazy"[\s\S]*<\/figure>/);

    // The photo cannot be deleted while the text shows it.
    const refused = await editor.agent.post(`/admin/media/${second.id}/delete`).set("accept", "application/json").set("x-csrf-token", editor.csrf).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toContain("Cần Thơ tiếp nhận hồ sơ trực tuyến");
    await t.prisma.photo.findUniqueOrThrow({ where: { id: second.id } });
  });

  it("leaves out a figure whose photo is no longer stored", async () => {
    const article = await publish("Bài có ảnh đã xoá", `<p>Trước.</p>${inline(photo, "Ảnh")}<p>Sau.</p>`);
    // Removed behind the app's back (a restore of an old backup, say): the page must not show a broken image.
    await t.prisma.article.update({ where: { id: article.id }, data: { body: article.body.replaceAll(photo.fileKey, "fedcba9876543210fedcba98") } });
    await t.changed();
    const page = await request(t.app).get(`/tin-tuc/${article.slug}`).expect(200);
    const bodyHtml = page.text.slice(page.text.indexOf('<div class="article-body">'), page.text.indexOf('<p class="article-links">'));
    expect(bodyHtml).toContain("<p>Trước.</p>");
    expect(bodyHtml).toContain("<p>Sau.</p>");
    expect(bodyHtml).not.toContain("<figure");
    expect(bodyHtml).not.toContain("fedcba9876543210fedcba98");
  });
});
