import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { fixture, leftovers } from "../../helpers/attachments.js";
import { buildDocument, buildDocumentLists } from "../../helpers/documents.js";
import { buildUser, loginAs } from "../../helpers/login.js";

async function setup(role: "editor" | "author" | "admin" = "editor") {
  const t = await createTestApp();
  const user = await buildUser(t.prisma, { role });
  const session = await loginAs(t, user);
  const lists = await buildDocumentLists(t.prisma);
  return { t, user, ...session, ...lists };
}

type Lists = Awaited<ReturnType<typeof buildDocumentLists>>;

/** A complete, valid form as a person would send it. */
function form(lists: Lists, extra: Record<string, string> = {}) {
  return {
    number: "15/2024/QĐ-UBND",
    title: "Quyết định ban hành Quy chế thực hiện cơ chế một cửa, một cửa liên thông",
    typeId: String(lists.type.id),
    issuerId: String(lists.issuer.id),
    fieldId: String(lists.sector.id),
    signer: "Trần Việt Trường",
    issuedOn: "2024-05-12",
    effectiveOn: "2024-05-22",
    expiresOn: "",
    validity: "",
    body: "<p>Điều 1. Ban hành kèm theo Quyết định này Quy chế.</p><script>alert(1)</script>",
    status: "published",
    ...extra,
  };
}

const countAll = async (t: TestApp) => ({
  documents: await t.prisma.legalDocument.count(),
  links: await t.prisma.documentLink.count(),
  attachments: await t.prisma.attachment.count(),
});

describe("admin documents: create and edit", () => {
  it("creates a published document with a PDF from the multipart form; its public page shows every field", async () => {
    const { t, agent, csrf, type, issuer, sector } = await setup();
    let req = agent.post("/admin/documents").field("_csrf", csrf);
    for (const [k, v] of Object.entries(form({ type, issuer, sector }))) req = req.field(k, v);
    const res = await req.attach("files", fixture("van-ban.pdf")).expect(303);
    const doc = await t.prisma.legalDocument.findFirstOrThrow({ where: { number: "15/2024/QĐ-UBND" } });
    expect(res.headers.location).toBe(`/admin/documents/${doc.id}/edit`);
    expect(doc.slug).toBe("15-2024-qd-ubnd-quyet-dinh-ban-hanh-quy-che-thuc-hien-co-che-mot-cua-mot-cua-lien-thong");
    expect(doc.body).not.toContain("<script");
    expect(doc.fileText).toContain("quy che mot cua lien thong");
    expect(doc.searchText).toContain("15/2024/qd-ubnd");
    expect(await t.prisma.attachment.count({ where: { ownerType: "document", ownerId: doc.id } })).toBe(1);
    expect(await t.prisma.auditLog.count({ where: { action: { in: ["document.create", "document.publish"] }, target: `văn bản #${doc.id}` } })).toBe(2);

    const page = await request(t.app).get(`/van-ban/${doc.slug}`).expect(200);
    for (const text of ["15/2024/QĐ-UBND", "Quy chế thực hiện cơ chế một cửa", type.name, issuer.name, sector.name, "Trần Việt Trường", "12/05/2024", "22/05/2024", "Còn hiệu lực", "van-ban.pdf", "Điều 1."]) {
      expect(page.text).toContain(text);
    }
    expect(page.text).toMatch(/van-ban\.pdf<\/a>\s*<span class="attachment-details">\(PDF, [0-9,]+ (byte|KB)\)/);
  });
});
