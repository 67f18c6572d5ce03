import type request from "supertest";
import type { TestApp } from "./app.js";
import { buildDocumentLists } from "./documents.js";
import { buildUser, loginAs } from "./login.js";

export type Lists = Awaited<ReturnType<typeof buildDocumentLists>>;

/** A fresh app, a signed-in user of the role, and a type, issuer and field of their own. */
export async function documentsSetup(createTestApp: () => Promise<TestApp>, role: "editor" | "author" | "admin" = "editor") {
  const t = await createTestApp();
  const user = await buildUser(t.prisma, { role });
  const session = await loginAs(t, user);
  const lists = await buildDocumentLists(t.prisma);
  return { t, user, ...session, ...lists };
}

/** A complete, valid form as a person would send it; `extra` overrides fields. */
export function documentForm(lists: Lists, extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
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

/** The form as multipart fields (repeatable ones repeated), with the token in the body. */
export function multipartForm(req: request.Test, csrf: string, fields: Record<string, string | string[]>): request.Test {
  let out = req.field("_csrf", csrf);
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) out = out.field(name, v);
  }
  return out;
}

/** How many rows each table of the section holds: a refusal must leave them all as they were. */
export async function documentCounts(t: TestApp) {
  return {
    documents: await t.prisma.legalDocument.count(),
    links: await t.prisma.documentLink.count(),
    attachments: await t.prisma.attachment.count(),
    audit: await t.prisma.auditLog.count({ where: { action: { startsWith: "document." } } }),
  };
}
