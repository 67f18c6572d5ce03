import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp } from "../../helpers/app.js";
import { buildDocument, buildDocumentLists } from "../../helpers/documents.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser, loginAs } from "../../helpers/login.js";
import { documentSitemapEntries, listDocumentChoices, searchDocuments } from "../../../src/services/documents-public.js";

const expectValid = htmlChecker({ "long-title": ["error", { maxlength: 250 }] });
const meta = (html: string, name: string) => [...html.matchAll(new RegExp(`<meta name="${name.replace(".", "\\.")}" content="([^"]*)">`, "g"))].map((m) => m[1]);

async function oneDocument() {
  const t = await createTestApp();
  const { type, issuer, sector } = await buildDocumentLists(t.prisma, { type: "Quyết định", issuer: "UBND thành phố Cần Thơ", sector: "Kiểm soát thủ tục hành chính" });
  const doc = await buildDocument(t.prisma, {
    typeId: type.id,
    issuerId: issuer.id,
    sectorId: sector.id,
    number: "12/2024/QĐ-UBND",
    title: "Ban hành Quy chế thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
    signer: "Trần Việt Trường",
    issuedOn: "2024-05-12",
    effectiveOn: "2024-05-22",
  });
  await t.changed();
  return { t, doc, type, issuer, sector };
}

describe("a document's page", () => {
  it("states Dublin Core as TT 24/2011 names it, and links the section's feed", async () => {
    const { t, doc } = await oneDocument();
    const html = (await request(t.app).get(`/van-ban/${doc.slug}`).set("User-Agent", BROWSER_UA).expect(200)).text;
    expect(meta(html, "DC.title")).toEqual([doc.title]);
    expect(meta(html, "DC.creator")).toEqual(["UBND thành phố Cần Thơ"]);
    expect(meta(html, "DC.date")).toEqual(["2024-05-12"]);
    expect(meta(html, "DC.identifier")).toEqual(["12/2024/QĐ-UBND"]);
    expect(meta(html, "DC.description")[0]).toContain("Quyết định số 12/2024/QĐ-UBND của UBND thành phố Cần Thơ, ban hành ngày 12/05/2024");
    expect(meta(html, "DC.type")).toEqual(["Quyết định"]);
    expect(meta(html, "DC.subject")).toEqual(["Kiểm soát thủ tục hành chính"]);
    expect(html).toContain('<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">');
    expect(html).toMatch(/<link rel="alternate" type="application\/rss\+xml" title="Văn bản mới" href="http:\/\/[^"]+\/van-ban\/rss.xml">/);
    expect(html).toContain("<title>Quyết định 12/2024/QĐ-UBND |");
    await expectValid(html, "document page");
  });

  it("has a print view (?in=1) that search engines skip", async () => {
    const { t, doc } = await oneDocument();
    const html = (await request(t.app).get(`/van-ban/${doc.slug}?in=1`).expect(200)).text;
    expect(html).toContain('class="print-view"');
    expect(html).toContain("Bản in của văn bản.");
    expect(html).toContain('<meta name="robots" content="noindex, follow">');
    expect(html).toMatch(/<link rel="stylesheet" href="[^"]*print[^"]*\.css" media="all">/);
    expect(html).toContain(`Nguồn:`);
    await expectValid(html, "print view");
  });

  it("answers 404 for an unknown or malformed address", async () => {
    const { t } = await oneDocument();
    await request(t.app).get("/van-ban/khong-co-van-ban-nay").expect(404);
    await request(t.app).get("/van-ban/KHONG_HOP_LE").expect(400);
  });
});

describe("the section's feed and what the lead wires", () => {
  it("/van-ban/rss.xml lists the 20 newest published documents with absolute links", async () => {
    const { t, type, issuer } = await oneDocument();
    for (let i = 1; i <= 21; i++) {
      await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: `${i}/2025/TB-FEED`, publishedAt: new Date(Date.UTC(2030, 0, i)) });
    }
    await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "NHAP/FEED", status: "draft" });
    await t.changed();
    const res = await request(t.app).get("/van-ban/rss.xml").expect(200);
    expect(res.type).toBe("application/rss+xml");
    const titles = [...res.text.matchAll(/<item>\s*<title><!\[CDATA\[([^\]]+)\]\]><\/title>/g)].map((m) => m[1]!);
    expect(titles).toHaveLength(20);
    expect(titles[0]).toMatch(/^21\/2025\/TB-FEED: /);
    expect(titles.some((title) => title.startsWith("1/2025/TB-FEED:"))).toBe(false);
    expect(res.text).not.toContain("NHAP/FEED");
    expect(res.text).toMatch(/<link>http:\/\/[^<]+\/van-ban\/van-ban-[a-f0-9]+<\/link>/);
    expect(res.text).toContain('<guid isPermaLink="true">');
  });

  it("searchDocuments, documentSitemapEntries and listDocumentChoices see published documents only", async () => {
    const { t, doc, type, issuer } = await oneDocument();
    const draft = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "13/2024/QĐ-UBND", status: "draft" });
    const found = await searchDocuments(t.prisma, new Date("2024-06-01T00:00:00Z"), ["12/2024", "mot", "cua"], 0, 10);
    expect(found.total).toBe(1);
    expect(found.hits[0]).toMatchObject({ title: doc.title, url: `/van-ban/${doc.slug}`, label: "12/2024/QĐ-UBND" });
    expect(found.hits[0]!.text).toContain("Còn hiệu lực");
    expect((await searchDocuments(t.prisma, new Date(), ["13/2024"], 0, 10)).total).toBe(0);

    const entries = await documentSitemapEntries(t.prisma, new Date());
    expect(entries).toContainEqual({ path: `/van-ban/${doc.slug}`, lastmod: expect.any(Date) });
    expect(entries.map((e) => e.path)).not.toContain(`/van-ban/${draft.slug}`);
    const choices = await listDocumentChoices(t.prisma);
    expect(choices).toContainEqual({ id: doc.id, number: doc.number, title: doc.title });
    expect(choices.map((c) => c.id)).not.toContain(draft.id);
  });
});

describe("valid HTML5", () => {
  it("the list, the admin list and the admin forms, refused form included", async () => {
    const { t, doc } = await oneDocument();
    await expectValid((await request(t.app).get("/van-ban").set("User-Agent", BROWSER_UA).expect(200)).text, "list");
    await expectValid((await request(t.app).get("/van-ban?q=khong-co&nam=2024").expect(200)).text, "empty list");
    const { agent, csrf } = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    await expectValid((await agent.get("/admin/documents").expect(200)).text, "admin list");
    await expectValid((await agent.get("/admin/documents/new").expect(200)).text, "new form");
    await expectValid((await agent.get(`/admin/documents/${doc.id}/edit`).expect(200)).text, "edit form");
    const refused = await agent.post("/admin/documents").type("form").send({ _csrf: csrf, number: "", title: "", issuedOn: "x" }).expect(422);
    await expectValid(refused.text, "refused form");
    await expectValid((await agent.get("/admin/document-types").expect(200)).text, "types");
    await expectValid((await agent.get("/admin/sectors/new").expect(200)).text, "new field");
  });
});
