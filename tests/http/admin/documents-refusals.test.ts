import { describe, expect, it } from "vitest";
import { createTestApp } from "../../helpers/app.js";
import { fixture, leftovers } from "../../helpers/attachments.js";
import { eventually } from "../../helpers/eventually.js";
import { buildDocument } from "../../helpers/documents.js";
import { documentCounts, documentForm, documentsSetup, multipartForm, type Lists } from "../../helpers/documents-admin.js";

type App = Parameters<typeof leftovers>[0];

/**
 * Temporary upload files go when the response ends (a moment after it is read): none may stay, and
 * the store holds what it held before (the seeded documents' files).
 */
async function nothingLeft(t: App, before: string[]) {
  const left = await eventually(async () => leftovers(t), (l) => l.incoming.length === 0);
  return { stored: left.stored.filter((key) => !before.includes(key)), incoming: left.incoming };
}

// Every refusal answers its status with a Vietnamese message naming the field, shows the form again
// with what was typed, and stores nothing: no document, link, attachment row, stored file or audit entry.

type Case = [label: string, extra: (lists: Lists, ids: { existing: number; trashed: number }) => Record<string, string | string[]>, field: string, message: RegExp];

const CASES: Case[] = [
  ["a missing number", () => ({ number: "  " }), "number", /Vui lòng nhập số ký hiệu/],
  ["a number already used (other case, no marks)", () => ({ number: "99/2024/qd-ubnd" }), "number", /Số ký hiệu “99\/2024\/QĐ-UBND” đã có/],
  ["a missing abstract", () => ({ title: "" }), "title", /Vui lòng nhập trích yếu/],
  ["an abstract over 1000 characters", () => ({ title: "a".repeat(1001) }), "title", /không được quá 1000 ký tự/],
  ["no type", () => ({ typeId: "" }), "typeId", /Vui lòng chọn loại văn bản/],
  ["an unknown type", () => ({ typeId: "999999" }), "typeId", /Loại văn bản đã chọn không tồn tại/],
  ["an unknown issuer", () => ({ issuerId: "999999" }), "issuerId", /Cơ quan ban hành đã chọn không tồn tại/],
  ["an unknown field", () => ({ fieldId: "999999" }), "fieldId", /Lĩnh vực đã chọn không tồn tại/],
  ["a missing issue day", () => ({ issuedOn: "" }), "issuedOn", /Vui lòng nhập ngày ban hành/],
  ["an impossible issue day", () => ({ issuedOn: "2024-02-30" }), "issuedOn", /Ngày ban hành phải là một ngày có thật/],
  ["a malformed effective day", () => ({ effectiveOn: "mai" }), "effectiveOn", /Ngày có hiệu lực phải là một ngày có thật/],
  ["an effective day before the issue day", () => ({ effectiveOn: "2024-05-11" }), "effectiveOn", /không được trước ngày ban hành/],
  ["an expiry day on the effective day", () => ({ expiresOn: "2024-05-22" }), "expiresOn", /phải sau ngày có hiệu lực/],
  ["an expiry day before the issue day (no effective day)", () => ({ effectiveOn: "", expiresOn: "2024-05-01" }), "expiresOn", /phải sau ngày ban hành/],
  ["an unknown validity", () => ({ validity: "sap" }), "validity", /Tình trạng hiệu lực/],
  ["an unknown status", () => ({ status: "pending" }), "status", /Trạng thái chỉ có thể là/],
  ["an unknown related document", () => ({ relatedIds: ["999999"] }), "relatedIds", /Văn bản liên quan: không có văn bản số 999999/],
  ["a trashed replaced document", (_l, ids) => ({ replacesIds: [String(ids.trashed)] }), "replacesIds", /Văn bản bị thay thế: không có văn bản số/],
  ["a related id that is not a number", () => ({ relatedIds: ["abc"] }), "relatedIds", /mã văn bản không hợp lệ/],
  ["one document under two kinds", (_l, ids) => ({ replacesIds: [String(ids.existing)], relatedIds: [String(ids.existing)] }), "relatedIds", /đã được chọn ở mục khác/],
];

describe("refusals when creating a document", () => {
  for (const [label, extra, field, message] of CASES) {
    it(`refuses ${label} (422, form again, nothing stored)`, async () => {
      const { t, agent, csrf, type, issuer, sector } = await documentsSetup(createTestApp);
      const existing = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "99/2024/QĐ-UBND" });
      const trashed = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, deletedAt: new Date() });
      const fields = documentForm({ type, issuer, sector }, { signer: "Người ký đã gõ", ...extra({ type, issuer, sector }, { existing: existing.id, trashed: trashed.id }) });
      const before = await documentCounts(t);
      const stored = leftovers(t).stored;
      const res = await multipartForm(agent.post("/admin/documents"), csrf, fields).attach("files", fixture("van-ban.pdf")).expect(422);
      expect(res.text).toMatch(message);
      expect(res.text).toContain(`<a href="#${field}">`);
      expect(res.text).toContain('value="Người ký đã gõ"');
      expect(await documentCounts(t)).toEqual(before);
      expect(await nothingLeft(t, stored)).toEqual({ stored: [], incoming: [] });

      const json = await agent.post("/admin/documents").set("accept", "application/json").set("x-csrf-token", csrf).send(fields).expect(422);
      expect(json.body.error).toMatch(message);
      expect(await documentCounts(t)).toEqual(before);
    });
  }

  it("refuses a document linked to itself on update, naming the field", async () => {
    const { t, agent, csrf, type, issuer, sector } = await documentsSetup(createTestApp);
    const doc = await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "1/2024/QĐ-UBND" });
    const before = await documentCounts(t);
    const res = await agent.post(`/admin/documents/${doc.id}`).set("accept", "application/json").set("x-csrf-token", csrf)
      .send(documentForm({ type, issuer, sector }, { number: "1/2024/QĐ-UBND", relatedIds: [String(doc.id)] }))
      .expect(422);
    expect(res.body.error).toMatch(/không thể liên kết với chính nó/);
    expect(res.body.fields).toHaveProperty("relatedIds");
    expect(await documentCounts(t)).toEqual(before);
    // Its own number is not a clash with itself; a trashed document's number is free.
    await buildDocument(t.prisma, { typeId: type.id, issuerId: issuer.id, number: "2/2024/QĐ-UBND", deletedAt: new Date() });
    await agent.post(`/admin/documents/${doc.id}`).set("accept", "application/json").set("x-csrf-token", csrf)
      .send(documentForm({ type, issuer, sector }, { number: "2/2024/QĐ-UBND" })).expect(200);
  });

  it("refuses a file whose bytes are not an allowed type (422), keeping nothing", async () => {
    const { t, agent, csrf, type, issuer, sector } = await documentsSetup(createTestApp);
    const before = await documentCounts(t);
    const stored = leftovers(t).stored;
    const res = await multipartForm(agent.post("/admin/documents"), csrf, documentForm({ type, issuer, sector }))
      .attach("files", fixture("van-ban.pdf"))
      .attach("files", fixture("chuong-trinh.exe"), "quyet-dinh.pdf")
      .expect(422);
    expect(res.text).toContain('<a href="#files">');
    expect(res.text).toContain("Không tệp nào được lưu.");
    expect(res.text).toContain('value="15/2024/QĐ-UBND"');
    expect(await documentCounts(t)).toEqual(before);
    expect(await nothingLeft(t, stored)).toEqual({ stored: [], incoming: [] });
  });

  it("refuses a file over the size limit (413), keeping nothing", async () => {
    const t = await createTestApp({ env: { ATTACHMENT_MAX_MB: "0.005" } });
    const { agent, csrf, type, issuer, sector } = await documentsSetup(async () => t);
    const before = await documentCounts(t);
    const stored = leftovers(t).stored;
    const res = await multipartForm(agent.post("/admin/documents"), csrf, documentForm({ type, issuer, sector })).attach("files", fixture("to-khai.doc")).expect(413);
    expect(res.text).toMatch(/to-khai\.doc.*lớn quá/);
    const json = await multipartForm(agent.post("/admin/documents").set("accept", "application/json"), csrf, documentForm({ type, issuer, sector }))
      .attach("files", fixture("to-khai.doc"))
      .expect(413);
    expect(json.body.error).toMatch(/to-khai\.doc.*lớn quá/);
    expect(await documentCounts(t)).toEqual(before);
    expect(await nothingLeft(t, stored)).toEqual({ stored: [], incoming: [] });
  });

  it("refuses a form without its CSRF token (403), multipart or not, storing nothing", async () => {
    const { t, agent, type, issuer, sector } = await documentsSetup(createTestApp);
    const before = await documentCounts(t);
    const stored = leftovers(t).stored;
    const fields = documentForm({ type, issuer, sector });
    await multipartForm(agent.post("/admin/documents"), "sai-ma", fields).attach("files", fixture("van-ban.pdf")).expect(403);
    await agent.post("/admin/documents").type("form").send(fields).expect(403);
    const json = await agent.post("/admin/documents").set("accept", "application/json").send(fields).expect(403);
    expect(json.body.error).toMatch(/biểu mẫu không hợp lệ/);
    expect(await documentCounts(t)).toEqual(before);
    expect(await nothingLeft(t, stored)).toEqual({ stored: [], incoming: [] });
  });
});
