import fs from "node:fs";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { fixture, leftovers } from "../../helpers/attachments.js";
import { buildUser, loginAs } from "../../helpers/login.js";
import { buildQuestion } from "../../helpers/questions.js";

async function asEditor(t: TestApp) {
  const user = await buildUser(t.prisma, { role: "editor", name: "Trần Biên Tập" });
  return { user, ...(await loginAs(t, user)) };
}

const open = (t: TestApp, title = "Hỏi về thời hạn cấp giấy phép xây dựng") => buildQuestion(t.prisma, { title, status: "received", published: false });
const ANSWER = '<p>Thời hạn là <strong>15 ngày</strong>.</p><script>alert("x")</script><p onclick="x()">Trân trọng.</p>';

describe("answering a question (POST /admin/questions/:id)", () => {
  it("saves the sanitised answer, who answered and when; publishes under a slug from the title (200 {id, url, publicUrl})", async () => {
    const t = await createTestApp();
    const q = await open(t);
    const { user, agent, csrf } = await asEditor(t);
    const res = await agent
      .post(`/admin/questions/${q.id}`)
      .set("Accept", "application/json")
      .send({ _csrf: csrf, status: "answered", answer: ANSWER, answeredBy: "", published: true })
      .expect(200);
    expect(res.body).toEqual({ id: q.id, url: `/admin/questions/${q.id}`, publicUrl: "/hoi-dap/hoi-ve-thoi-han-cap-giay-phep-xay-dung" });
    const saved = await t.prisma.question.findUniqueOrThrow({ where: { id: q.id } });
    expect(saved).toMatchObject({ status: "answered", published: true, slug: "hoi-ve-thoi-han-cap-giay-phep-xay-dung", answeredBy: "Cải cách hành chính TPCT", answeredById: user.id });
    expect(saved.answer).toBe("<p>Thời hạn là <strong>15 ngày</strong>.</p><p>Trân trọng.</p>");
    expect(saved.answeredAt).toBeInstanceOf(Date);
    expect(saved.publishedAt).toBeInstanceOf(Date);
    expect(saved.searchText).toContain("thoi han la 15 ngay");
    const page = await request(t.app).get(res.body.publicUrl).set("User-Agent", BROWSER_UA).expect(200);
    expect(page.text).toContain("<strong>15 ngày</strong>");
    expect(page.text).not.toContain("alert");
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "question.publish" } });
    expect(audit).toMatchObject({ userId: user.id, target: `${q.code}: ${q.title}` });
    expect(audit.detail).toContain("Đã tiếp nhận → Đã trả lời");
  });

  it("works as a form without JavaScript: 303 to the question with a message, the kept tracking page dropped", async () => {
    const t = await createTestApp();
    const q = await open(t);
    const lookup = `/hoi-dap/tra-cuu?ma=${q.code}`;
    expect((await request(t.app).get(lookup).expect(200)).text).toContain("Đã tiếp nhận");
    const { agent, csrf } = await asEditor(t);
    await agent.post(`/admin/questions/${q.id}`).type("form").send({ _csrf: csrf, status: "processing", answer: "", answeredBy: "" }).expect(303);
    expect((await request(t.app).get(lookup).expect(200)).text).toContain("Đang xử lý");
    const res = await agent
      .post(`/admin/questions/${q.id}`)
      .field("_csrf", csrf)
      .field("status", "answered")
      .field("answer", "<p>Trả lời đầy đủ.</p>")
      .field("answeredBy", "Phòng Cải cách hành chính, Sở Nội vụ")
      .field("published", "on")
      .expect(303);
    expect(res.headers.location).toBe(`/admin/questions/${q.id}`);
    const page = await agent.get(res.headers.location!).expect(200);
    expect(page.text).toContain("câu hỏi đang được công khai");
    const after = await request(t.app).get(lookup).expect(200);
    expect(after.text).toContain("Đã trả lời");
    expect(after.text).toContain('href="/hoi-dap/hoi-ve-thoi-han-cap-giay-phep-xay-dung"');
    const list = await request(t.app).get("/hoi-dap").expect(200);
    expect(list.text).toContain(q.title);
  });

  it.each([
    ["an unknown status", { status: "done" }, "status", "Trạng thái phải là"],
    ["no status", {}, "status", "Trạng thái phải là"],
    ["answered without an answer", { status: "answered", answer: "<p> </p><script>x</script>" }, "answer", "Vui lòng nhập câu trả lời"],
    ["forwarded without a note", { status: "forwarded" }, "forwardNote", "ghi chú chuyển"],
    ["published while open", { status: "processing", answer: "<p>Đang xem.</p>", published: "on" }, "published", "Chỉ công khai được"],
    ["an overlong note", { status: "forwarded", forwardNote: "x".repeat(2001) }, "forwardNote", "không được quá 2000"],
  ])("refuses %s with 422 beside its field, changing nothing", async (_label, body, field, message) => {
    const t = await createTestApp();
    const q = await open(t);
    const { agent, csrf } = await asEditor(t);
    const json = await agent.post(`/admin/questions/${q.id}`).set("Accept", "application/json").send({ _csrf: csrf, ...body }).expect(422);
    expect(json.body.fields[field]).toContain(message);
    const html = await agent.post(`/admin/questions/${q.id}`).type("form").send({ _csrf: csrf, ...body }).expect(422);
    expect(html.text).toContain("lỗi cần sửa");
    expect(html.text).toContain(`href="#${field}"`);
    const after = await t.prisma.question.findUniqueOrThrow({ where: { id: q.id } });
    expect(after).toEqual(q);
    expect(await t.prisma.auditLog.count({ where: { action: { startsWith: "question." } } })).toBe(0);
  });

  it("publishes a forwarded question with its note, and keeps its address when unpublished and published again", async () => {
    const t = await createTestApp();
    const q = await open(t, "Tra cứu");
    const { agent, csrf } = await asEditor(t);
    const send = (body: Record<string, unknown>) => agent.post(`/admin/questions/${q.id}`).set("Accept", "application/json").send({ _csrf: csrf, ...body });
    const note = "Nội dung thuộc thẩm quyền của Sở Xây dựng thành phố Cần Thơ, số 25 Ngô Quyền.";
    const first = await send({ status: "forwarded", forwardNote: note, published: true }).expect(200);
    // "tra-cuu" is the tracking page's own address.
    expect(first.body.publicUrl).toBe("/hoi-dap/tra-cuu-2");
    const page = await request(t.app).get("/hoi-dap/tra-cuu-2").expect(200);
    expect(page.text).toContain(note);
    const hidden = await send({ status: "forwarded", forwardNote: note, published: false }).expect(200);
    expect(hidden.body.publicUrl).toBeUndefined();
    await request(t.app).get("/hoi-dap/tra-cuu-2").expect(404);
    const again = await send({ status: "forwarded", forwardNote: note, published: true }).expect(200);
    expect(again.body.publicUrl).toBe("/hoi-dap/tra-cuu-2");
    const actions = (await t.prisma.auditLog.findMany({ where: { target: { contains: q.code } }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["question.publish", "question.unpublish", "question.publish"]);
  });

  it("clears the answered time when a question goes back to processing", async () => {
    const t = await createTestApp();
    const q = await open(t);
    const { agent, csrf } = await asEditor(t);
    await agent.post(`/admin/questions/${q.id}`).set("Accept", "application/json").send({ _csrf: csrf, status: "answered", answer: "<p>Có.</p>" }).expect(200);
    expect((await t.prisma.question.findUniqueOrThrow({ where: { id: q.id } })).answeredAt).not.toBeNull();
    await agent.post(`/admin/questions/${q.id}`).set("Accept", "application/json").send({ _csrf: csrf, status: "processing", answer: "<p>Có.</p>" }).expect(200);
    expect((await t.prisma.question.findUniqueOrThrow({ where: { id: q.id } })).answeredAt).toBeNull();
  });

  it("refuses a post without the CSRF token (403)", async () => {
    const t = await createTestApp();
    const q = await open(t);
    const { agent } = await asEditor(t);
    await agent.post(`/admin/questions/${q.id}`).type("form").send({ status: "answered", answer: "<p>x</p>" }).expect(403);
    await agent.post(`/admin/questions/${q.id}`).field("status", "answered").field("answer", "<p>x</p>").expect(403);
    expect(await t.prisma.question.findUniqueOrThrow({ where: { id: q.id } })).toEqual(q);
  });

  it("attaches a file to the answer, public with the published question only; replaces and removes it", async () => {
    const t = await createTestApp();
    const q = await open(t);
    const { agent, csrf } = await asEditor(t);
    const pdf = fs.readFileSync(fixture("van-ban.pdf"));
    const post = (fields: Record<string, string>, file?: { buffer: Buffer; name: string }) => {
      let req = agent.post(`/admin/questions/${q.id}`).set("Accept", "application/json").field("_csrf", csrf).field("status", "answered").field("answer", "<p>Xem tệp kèm theo.</p>");
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      return file ? req.attach("file", file.buffer, file.name) : req;
    };
    await post({}, { buffer: pdf, name: "Hướng dẫn hồ sơ.pdf" }).expect(200);
    const [first] = await t.prisma.attachment.findMany({ where: { ownerType: "answer", ownerId: q.id } });
    expect(first).toMatchObject({ originalName: "Hướng dẫn hồ sơ.pdf" });
    // Not published yet: the public cannot download it.
    await request(t.app).get(`/tep/${first!.id}/huong-dan.pdf`).expect(404);
    const published = await post({ published: "on" }).expect(200);
    await request(t.app).get(`/tep/${first!.id}/huong-dan.pdf`).expect(200);
    const page = await request(t.app).get(published.body.publicUrl).expect(200);
    expect(page.text).toContain("Hướng dẫn hồ sơ.pdf");

    await post({ published: "on" }, { buffer: fs.readFileSync(fixture("van-ban.docx")), name: "Mẫu đơn.docx" }).expect(200);
    const now = await t.prisma.attachment.findMany({ where: { ownerType: "answer", ownerId: q.id } });
    expect(now.map((a) => a.originalName)).toEqual(["Mẫu đơn.docx"]);
    expect(leftovers(t).stored).not.toContain(first!.fileKey);

    await post({ published: "on", removeFile: "on" }).expect(200);
    expect(await t.prisma.attachment.count({ where: { ownerType: "answer", ownerId: q.id } })).toBe(0);
    expect(leftovers(t).stored).not.toContain(now[0]!.fileKey);
  });

  it("refuses a bad answer file with 422 beside the file field, keeping nothing and changing nothing", async () => {
    const t = await createTestApp();
    const q = await open(t);
    const { agent, csrf } = await asEditor(t);
    const before = { files: await t.prisma.attachment.count(), stored: leftovers(t).stored.length };
    const res = await agent
      .post(`/admin/questions/${q.id}`)
      .field("_csrf", csrf)
      .field("status", "answered")
      .field("answer", "<p>Câu trả lời đã gõ.</p>")
      .attach("file", fs.readFileSync(fixture("chuong-trinh.exe")), "bieu-mau.pdf")
      .expect(422);
    expect(res.text).toContain('id="file-error"');
    expect(res.text).toContain("Câu trả lời đã gõ.");
    expect(await t.prisma.question.findUniqueOrThrow({ where: { id: q.id } })).toEqual(q);
    expect(await t.prisma.attachment.count()).toBe(before.files);
    expect(leftovers(t).stored).toHaveLength(before.stored);
  });
});
