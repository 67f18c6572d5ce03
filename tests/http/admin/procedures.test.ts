import fs from "node:fs";
import path from "node:path";
import request, { type Test } from "supertest";
import { describe, expect, it } from "vitest";
import { signedIn } from "../../helpers/articles.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildLegalDocument, buildProcedure, buildSector, procedureForm, procedureIdFrom } from "../../helpers/procedures.js";

const FILES = path.resolve("tests/fixtures/files");
// The legal-basis checkboxes share the name `legalBasisIds`, which is how HTML sends a repeatable field.
const expectValid = htmlChecker({ "form-dup-name": ["error", { shared: ["radio", "checkbox", "button", "reset", "submit"] }] });

/** A multipart request as the browser form sends it: repeated fields, then the files. */
function multipart(req: Test, fields: Record<string, unknown>, files: string[] = []): Test {
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) req.field(name, String(v));
  }
  for (const file of files) req.attach("files", path.join(FILES, file));
  return req;
}

describe("POST /admin/procedures (editor)", () => {
  it("creates a published procedure from the form: fields, lists from lines, legal basis in order, audit, public page", async () => {
    const { t, agent, csrf, user } = await signedIn("editor");
    const sector = await buildSector(t.prisma, { name: "Tổ chức hành chính, đơn vị sự nghiệp" });
    const first = await buildLegalDocument(t.prisma, { number: "12/2024/QĐ-UBND" });
    const second = await buildLegalDocument(t.prisma, { number: "46/2025/NĐ-CP" });
    const form = procedureForm(csrf, {
      code: " 1.009999.000.00.00.h12 ",
      fieldId: String(sector.id),
      status: "published",
      legalBasisIds: [String(first.id), String(second.id)],
      [`legalBasisPosition-${first.id}`]: "2",
      [`legalBasisPosition-${second.id}`]: "1",
    });
    const res = await agent.post("/admin/procedures").type("form").send(form).expect(303);
    const id = procedureIdFrom(res.headers.location);
    const stored = await t.prisma.procedure.findUniqueOrThrow({ where: { id }, include: { legalBasis: { orderBy: { position: "asc" } } } });
    expect(stored).toMatchObject({
      code: "1.009999.000.00.00.H12",
      name: form["name"],
      slug: "thu-tuc-tham-dinh-viec-thanh-lap-don-vi-su-nghiep-cong-lap",
      sectorId: sector.id,
      level: "tinh",
      onlineLevel: "partial",
      status: "published",
      createdById: user.id,
    });
    expect(stored.publishedAt).not.toBeNull();
    expect(stored.requirements).toBe("<ul><li>Tờ trình đề nghị thành lập</li><li>Đề án thành lập</li></ul>");
    expect(stored.steps).toBe("<ol><li>Nộp hồ sơ</li><li>Thẩm định</li><li>Trả kết quả</li></ol>");
    expect(stored.legalBasis.map((b) => b.documentId)).toEqual([second.id, first.id]);
    expect(stored.searchText).toContain("to chuc hanh chinh");
    const actions = await t.prisma.auditLog.findMany({ where: { target: `thủ tục #${id}` }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["procedure.create", "procedure.publish"]);

    const edit = await agent.get(`/admin/procedures/${id}/edit`).expect(200);
    expect(edit.text).toContain("Đã lưu và công bố thủ tục hành chính.");
    // A list made from lines is shown again as lines.
    expect(edit.text).toContain(">Tờ trình đề nghị thành lập\nĐề án thành lập</textarea>");
    await agent.get(`/thu-tuc-hanh-chinh/${stored.slug}`).expect(200);
  });

  it("answers scripts with the JSON contract: 201 {id, url, publicUrl} once published, 200 on update, publicUrl absent for a draft", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const json = (req: Test) => req.set("accept", "application/json");
    const draft = await json(agent.post("/admin/procedures")).send(procedureForm(csrf)).expect(201);
    expect(draft.body).toEqual({ id: expect.any(Number), url: `/admin/procedures/${draft.body.id}/edit` });
    const published = await json(agent.post(`/admin/procedures/${draft.body.id}`))
      .send(procedureForm(csrf, { status: "published", name: "Thủ tục công bố qua JSON" }))
      .expect(200);
    const { slug } = await t.prisma.procedure.findUniqueOrThrow({ where: { id: draft.body.id } });
    expect(slug).toBe("thu-tuc-cong-bo-qua-json");
    expect(published.body).toEqual({ id: draft.body.id, url: `/admin/procedures/${draft.body.id}/edit`, publicUrl: `/thu-tuc-hanh-chinh/${slug}` });
    // Once public its address stays, whatever the name becomes.
    await json(agent.post(`/admin/procedures/${draft.body.id}`)).send(procedureForm(csrf, { status: "published", name: "Tên mới" })).expect(200);
    expect((await t.prisma.procedure.findUniqueOrThrow({ where: { id: draft.body.id } })).slug).toBe(slug);
    // The x-csrf-token header serves as well as the field.
    const header = await json(agent.post("/admin/procedures")).set("x-csrf-token", csrf).send({ ...procedureForm(""), _csrf: undefined }).expect(201);
    expect(header.body.id).toBeGreaterThan(draft.body.id);
  });

  it("stores the forms sent with a multipart save, lists them with their sizes, and removes one with an audit entry", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const res = await multipart(agent.post("/admin/procedures"), procedureForm(csrf, { status: "published" }), ["to-khai.doc", "van-ban.pdf"]).expect(303);
    const id = procedureIdFrom(res.headers.location);
    const forms = await t.prisma.attachment.findMany({ where: { ownerType: "procedure", ownerId: id }, orderBy: { position: "asc" } });
    expect(forms.map((f) => [f.originalName, f.extension])).toEqual([["to-khai.doc", "doc"], ["van-ban.pdf", "pdf"]]);
    const { slug } = await t.prisma.procedure.findUniqueOrThrow({ where: { id } });
    const page = await agent.get(`/thu-tuc-hanh-chinh/${slug}`).expect(200);
    expect(page.text).toContain("to-khai.doc");
    expect(page.text).toMatch(/DOC, [\d,]+ (KB|byte)/);
    await expectValid(page.text, "procedure with its forms");

    // Another save adds after the ones there.
    await multipart(agent.post(`/admin/procedures/${id}`), procedureForm(csrf, { status: "published" }), ["bang-phi.xlsx"]).expect(303);
    expect(await t.prisma.attachment.count({ where: { ownerType: "procedure", ownerId: id } })).toBe(3);

    await agent.post(`/admin/procedures/${id}/files/${forms[0]!.id}/delete`).type("form").send({ _csrf: csrf }).expect(303);
    expect(await t.prisma.attachment.findUnique({ where: { id: forms[0]!.id } })).toBeNull();
    expect(await t.prisma.auditLog.count({ where: { action: "procedure.form_delete", target: `thủ tục #${id}` } })).toBe(1);
    // A file of another procedure is not this one's to remove.
    const other = await buildProcedure(t.prisma);
    await agent.post(`/admin/procedures/${other.id}/files/${forms[1]!.id}/delete`).type("form").send({ _csrf: csrf }).expect(404);
  });

  it("lets the public download a procedure's forms only once it is published", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const res = await multipart(agent.post("/admin/procedures"), procedureForm(csrf), ["to-khai.doc"]).expect(303);
    const id = procedureIdFrom(res.headers.location);
    const form = await t.prisma.attachment.findFirstOrThrow({ where: { ownerType: "procedure", ownerId: id } });
    const url = `/tep/${form.id}/to-khai.doc`;
    await request(t.app).get(url).expect(404);
    await agent.post(`/admin/procedures/${id}`).type("form").send(procedureForm(csrf, { status: "published" })).expect(303);
    const download = await request(t.app).get(url).expect(200);
    expect(download.headers["content-disposition"]).toContain("attachment");
  });

  it("shows valid HTML forms: new, edit with its legal basis and forms, refused, and the lists", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const sector = await buildSector(t.prisma);
    const doc = await buildLegalDocument(t.prisma);
    const form = procedureForm(csrf, { fieldId: String(sector.id), legalBasisIds: [String(doc.id)], status: "published" });
    const res = await multipart(agent.post("/admin/procedures"), form, ["to-khai.doc"]).expect(303);
    const id = procedureIdFrom(res.headers.location);
    for (const url of ["/admin/procedures", "/admin/procedures?status=trash", "/admin/procedures?q=tham+dinh&level=tinh", "/admin/procedures/new", `/admin/procedures/${id}/edit`]) {
      const page = await agent.get(url).expect(200);
      await expectValid(page.text, url);
    }
    const edit = await agent.get(`/admin/procedures/${id}/edit`);
    expect(edit.text).toContain(`id="legalBasisPosition-${doc.id}"`);
    expect(edit.text).toContain("to-khai.doc");
    const refused = await agent.post("/admin/procedures").type("form").send(procedureForm(csrf, { code: "", onlineUrl: "http://x" })).expect(422);
    await expectValid(refused.text, "refused form");
  });

  it("sanitises the papers and the steps", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const form = procedureForm(csrf, {
      requirements: '<ul><li onclick="x()">Tờ khai<script>alert(1)</script></li></ul><iframe src="https://x.example"></iframe>',
      steps: '<ol><li><a href="javascript:alert(1)">Nộp</a></li></ol>',
    });
    const res = await agent.post("/admin/procedures").set("accept", "application/json").send(form).expect(201);
    const stored = await t.prisma.procedure.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(stored.requirements).toBe("<ul><li>Tờ khai</li></ul>");
    expect(stored.steps).toBe('<ol><li><a rel="noopener">Nộp</a></li></ol>');
    // Lines of text may hold angle brackets and ampersands: they stay text.
    const lines = procedureForm(csrf, { requirements: "Tờ khai <mẫu 01> & bản sao\n- Giấy tờ tùy thân" });
    const plain = await agent.post("/admin/procedures").set("accept", "application/json").send(lines).expect(201);
    const kept = await t.prisma.procedure.findUniqueOrThrow({ where: { id: plain.body.id } });
    expect(kept.requirements).toBe("<ul><li>Tờ khai &lt;mẫu 01&gt; &amp; bản sao</li><li>Giấy tờ tùy thân</li></ul>");
    const edit = await agent.get(`/admin/procedures/${plain.body.id}/edit`).expect(200);
    expect(edit.text).toContain(">Tờ khai &lt;mẫu 01&gt; &amp; bản sao\nGiấy tờ tùy thân</textarea>");
  });
});

describe("refusals: the form again with the message, and nothing stored", () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ["no code", { code: "  " }, "code", "Vui lòng nhập mã thủ tục."],
    ["a code with spaces", { code: "1.001 234" }, "code", "Mã thủ tục chỉ gồm chữ cái không dấu"],
    ["a code with Vietnamese letters", { code: "THỦ-TỤC-1" }, "code", "Mã thủ tục chỉ gồm chữ cái không dấu"],
    ["a code ending with a dot", { code: "1.001234." }, "code", "Mã thủ tục chỉ gồm chữ cái không dấu"],
    ["no name", { name: "" }, "name", "Vui lòng nhập tên thủ tục."],
    ["an unknown level", { level: "huyen" }, "level", "Vui lòng chọn cấp thực hiện"],
    ["an online service without its address", { onlineLevel: "full", onlineUrl: "" }, "onlineUrl", "Vui lòng nhập địa chỉ dịch vụ công trực tuyến"],
    ["a plain http address", { onlineUrl: "http://dichvucong.gov.vn/p/home" }, "onlineUrl", "phải là một địa chỉ https://"],
    ["a javascript: address", { onlineLevel: "none", onlineUrl: "javascript:alert(1)" }, "onlineUrl", "phải là một địa chỉ https://"],
    ["an address with credentials", { onlineUrl: "https://a:b@dichvucong.gov.vn/" }, "onlineUrl", "phải là một địa chỉ https://"],
    ["an unknown online level", { onlineLevel: "mot-phan" }, "onlineLevel", "Mức dịch vụ công trực tuyến"],
    ["an unknown field id", { fieldId: "999999" }, "fieldId", "Lĩnh vực đã chọn không tồn tại"],
    ["a field id that is not a number", { fieldId: "abc" }, "fieldId", "Lĩnh vực không hợp lệ"],
    ["an unknown legal document", { legalBasisIds: ["999999"] }, "legalBasisIds", "Không có văn bản số 999999"],
  ];
  for (const [what, overrides, field, message] of cases) {
    it(`refuses ${what} (422 naming ${field})`, async () => {
      const { t, agent, csrf } = await signedIn("editor");
      const before = await t.prisma.procedure.count();
      const form = procedureForm(csrf, { name: "Thủ tục bị từ chối", ...overrides });
      const page = await agent.post("/admin/procedures").type("form").send(form).expect(422);
      expect(page.text).toContain(message);
      expect(page.text).toContain(`href="#${field}"`);
      // What was typed comes back.
      expect(page.text).toContain(String(form["processingTime"]));
      const json = await agent.post("/admin/procedures").set("accept", "application/json").send(form).expect(422);
      expect(json.body.error).toContain(message);
      expect(json.body.fields[field]).toContain(message);
      expect(await t.prisma.procedure.count()).toBe(before);
      expect(await t.prisma.auditLog.count({ where: { action: { startsWith: "procedure." } } })).toBe(0);
    });
  }

  it("refuses a code another live procedure has (any case), accepts one only a trashed procedure has", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const taken = await buildProcedure(t.prisma, { code: "2.000123.000.00.00.H12", name: "Thủ tục đã có" });
    const before = await t.prisma.procedure.count();
    const res = await agent.post("/admin/procedures").type("form").send(procedureForm(csrf, { code: "2.000123.000.00.00.h12" })).expect(422);
    expect(res.text).toContain("Mã thủ tục 2.000123.000.00.00.H12 đã được dùng cho thủ tục «Thủ tục đã có»");
    expect(await t.prisma.procedure.count()).toBe(before);
    // Its own code is no clash on update.
    await agent.post(`/admin/procedures/${taken.id}`).type("form").send(procedureForm(csrf, { code: taken.code })).expect(303);

    await buildProcedure(t.prisma, { code: "2.000999", deletedAt: new Date() });
    await agent.post("/admin/procedures").type("form").send(procedureForm(csrf, { code: "2.000999" })).expect(303);
  });

  it("refuses a trashed legal document as a legal basis", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const trashed = await buildLegalDocument(t.prisma, { deletedAt: new Date() });
    await agent.post("/admin/procedures").type("form").send(procedureForm(csrf, { legalBasisIds: [String(trashed.id)] })).expect(422);
  });

  it("refuses a file whose bytes are not a document, keeping neither the procedure nor any file", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const before = { procedures: await t.prisma.procedure.count(), attachments: await t.prisma.attachment.count() };
    const uploads = () => fs.readdirSync(t.config.uploadDir).length;
    const stored = uploads();
    for (const bad of ["lenh.sh", "trang.html", "nen.zip", "chuong-trinh.exe"]) {
      const res = await multipart(agent.post("/admin/procedures"), procedureForm(csrf), ["to-khai.doc", bad]).expect(422);
      expect(res.text).toContain("Không tệp nào được lưu.");
      expect(res.text).toContain(bad);
    }
    // A valid form with a refused field: the chosen files are dropped and the page says so.
    const dropped = await multipart(agent.post("/admin/procedures"), procedureForm(csrf, { code: "" }), ["to-khai.doc"]).expect(422);
    expect(dropped.text).toContain("hãy chọn lại tệp");
    expect(await t.prisma.procedure.count()).toBe(before.procedures);
    expect(await t.prisma.attachment.count()).toBe(before.attachments);
    expect(uploads()).toBe(stored);
  });

  it("refuses more forms than one save may carry", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const before = await t.prisma.procedure.count();
    const files = Array.from({ length: 11 }, () => "to-khai.doc");
    const res = await multipart(agent.post("/admin/procedures"), procedureForm(csrf), files).expect(422);
    expect(res.text).toContain("Mỗi lần tải tối đa 10 tệp");
    expect(await t.prisma.procedure.count()).toBe(before);
  });

  it("refuses a save without the CSRF token (403), urlencoded or multipart, and stores nothing", async () => {
    const { t, agent, csrf } = await signedIn("editor");
    const before = await t.prisma.procedure.count();
    await agent.post("/admin/procedures").type("form").send(procedureForm("")).expect(403);
    await agent.post("/admin/procedures").type("form").send(procedureForm("sai-ma")).expect(403);
    await multipart(agent.post("/admin/procedures"), procedureForm("sai-ma"), ["to-khai.doc"]).expect(403);
    const existing = await buildProcedure(t.prisma);
    await agent.post(`/admin/procedures/${existing.id}/trash`).type("form").send({ _csrf: "" }).expect(403);
    expect(await t.prisma.procedure.count()).toBe(before + 1);
    expect((await t.prisma.procedure.findUniqueOrThrow({ where: { id: existing.id } })).deletedAt).toBeNull();
    // With the token it goes through.
    await agent.post("/admin/procedures").type("form").send(procedureForm(csrf)).expect(303);
  });
});
