import fs from "node:fs";
import request, { type Test } from "supertest";
import { describe, expect, it } from "vitest";
import { listAttachments } from "../../src/services/attachments.js";
import { signedIn } from "../helpers/articles.js";
import { asBytes, fixture, leftovers } from "../helpers/attachments.js";
import { eventually } from "../helpers/eventually.js";
import { procedureForm, procedureIdFrom } from "../helpers/procedures.js";

// The pipeline through a real section's routes: POST /admin/procedures (multipart, "files") and the
// public download of its forms, whose owner registered when procedures are public.

function multipart(req: Test, fields: Record<string, unknown>, files: [string, string][] = []): Test {
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) req.field(name, String(v));
  }
  for (const [file, name] of files) req.attach("files", fs.readFileSync(fixture(file)), name);
  return req;
}

describe("attachments through POST /admin/procedures", () => {
  it("refuses a multipart save without the CSRF token (403) and keeps no file, row or temporary file", async () => {
    const { t, agent } = await signedIn("editor");
    const before = { rows: await t.prisma.attachment.count(), stored: leftovers(t).stored.length };
    const res = await multipart(agent.post("/admin/procedures").set("Accept", "application/json"), procedureForm(""), [["van-ban.pdf", "Tờ khai.pdf"]]).expect(403);
    expect(res.body.error).toMatch(/biểu mẫu không hợp lệ/);
    await multipart(agent.post("/admin/procedures"), procedureForm("sai-ma"), [["van-ban.pdf", "Tờ khai.pdf"]]).expect(403);
    expect(await t.prisma.attachment.count()).toBe(before.rows);
    const left = await eventually(async () => leftovers(t), (l) => l.incoming.length === 0);
    expect(left).toEqual({ stored: expect.any(Array), incoming: [] });
    expect(left.stored).toHaveLength(before.stored);
  });

  it("refuses a file over ATTACHMENT_MAX_MB with 413 and the form's JSON error, nothing kept", async () => {
    const { t, agent, csrf } = await signedIn("editor", { env: { ATTACHMENT_MAX_MB: "0.01" } });
    const before = { procedures: await t.prisma.procedure.count(), rows: await t.prisma.attachment.count() };
    const big = Buffer.concat([fs.readFileSync(fixture("van-ban.pdf")), Buffer.alloc(20 * 1024, 32)]);
    const res = await multipart(agent.post("/admin/procedures").set("Accept", "application/json"), procedureForm(csrf))
      .attach("files", big, "Hồ sơ lớn.pdf")
      .expect(413);
    expect(res.body.error).toMatch(/^Tệp «Hồ sơ lớn\.pdf» lớn quá 10 KB, giới hạn của mỗi tệp đính kèm\./);
    expect(await t.prisma.procedure.count()).toBe(before.procedures);
    expect(await t.prisma.attachment.count()).toBe(before.rows);
    expect((await eventually(async () => leftovers(t), (l) => l.incoming.length === 0)).incoming).toEqual([]);
  });

  it("serves a published procedure's form to everyone and a draft's only to staff", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const created = await multipart(agent.post("/admin/procedures"), procedureForm(csrf, { status: "draft" }), [["to-khai.doc", "Mẫu đơn đề nghị.doc"]]).expect(303);
    const id = procedureIdFrom(created.headers.location);
    const [form] = (await listAttachments(t.prisma, "procedure", [id])).get(id)!;
    expect(form).toMatchObject({ name: "Mẫu đơn đề nghị.doc", typeLabel: "DOC", details: "DOC, 9,5 KB" });

    await request(t.app).get(form!.url).expect(404);
    const staff = await agent.get(form!.staffUrl).parse(asBytes).expect(200);
    expect(staff.headers["content-type"]).toBe("application/msword");

    await multipart(agent.post(`/admin/procedures/${id}`), procedureForm(csrf, { status: "published" })).expect(303);
    const res = await request(t.app).get(form!.url).parse(asBytes).expect(200);
    expect(res.headers["content-type"]).toBe("application/msword");
    expect(res.headers["content-disposition"]).toBe(
      "attachment; filename=\"Mau don de nghi.doc\"; filename*=UTF-8''M%E1%BA%ABu%20%C4%91%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.doc",
    );
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.compare(res.body as Buffer, fs.readFileSync(fixture("to-khai.doc")))).toBe(0);

    // In the trash, the procedure's forms are no longer public.
    await agent.post(`/admin/procedures/${id}/trash`).type("form").send({ _csrf: csrf }).expect(303);
    await request(t.app).get(form!.url).expect(404);
  });
});
