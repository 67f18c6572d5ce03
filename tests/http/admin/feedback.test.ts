import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { buildUser, csrfFrom, loginAs } from "../../helpers/login.js";

let n = 0;
async function buildMessage(t: TestApp, data: { status?: string; subject?: string; createdAt?: Date } = {}) {
  n += 1;
  return t.prisma.feedbackMessage.create({
    data: {
      name: `Người dân ${n}`,
      email: `nguoidan${n}@example.com`,
      phone: "0901 234 567",
      subject: data.subject ?? `Hỏi về thủ tục ${n}`,
      message: `Xin hỏi thủ tục số ${n}.\nCảm ơn.`,
      status: data.status ?? "new",
      createdAt: data.createdAt ?? new Date(Date.UTC(2026, 10, 1, 0, n)),
    },
  });
}

async function asEditor(t: TestApp) {
  return loginAs(t, await buildUser(t.prisma, { role: "editor" }));
}

describe("feedback inbox", () => {
  it("receives a message sent from the contact page, marked new", async () => {
    const t = await createTestApp();
    const visitor = request.agent(t.app);
    const token = await csrfFrom(visitor, "/lien-he");
    await visitor
      .post("/lien-he")
      .set("user-agent", BROWSER_UA)
      .type("form")
      .send({ _csrf: token, name: "Trần Thị Dân", email: "dan@example.com", phone: "", subject: "Hỏi về một cửa", message: "Cho tôi hỏi giờ làm việc của bộ phận một cửa.", website: "" })
      .expect(303);
    const { agent } = await asEditor(t);
    const res = await agent.get("/admin/feedback").expect(200);
    expect(res.text).toContain("Hỏi về một cửa");
    expect(res.text).toContain("Trần Thị Dân");
    expect(res.text).toContain("Mới (1)");
  });

  it("filters by status and pages through 20 at a time, newest first", async () => {
    const t = await createTestApp();
    for (let i = 0; i < 22; i++) await buildMessage(t, { subject: `Câu hỏi mới số ${i + 1}` });
    await buildMessage(t, { status: "closed", subject: "Đã xong việc" });
    const { agent } = await asEditor(t);

    const first = await agent.get("/admin/feedback?status=new").expect(200);
    expect(first.text).toContain("Câu hỏi mới số 22");
    expect(first.text).not.toContain("Câu hỏi mới số 2<");
    expect(first.text).not.toContain("Đã xong việc");
    expect(first.text.indexOf("Câu hỏi mới số 22")).toBeLessThan(first.text.indexOf("Câu hỏi mới số 21"));
    expect(first.text).toContain('href="/admin/feedback?status=new&amp;trang=2"');
    const second = await agent.get("/admin/feedback?status=new&trang=2").expect(200);
    expect(second.text).toContain("Câu hỏi mới số 1<");
    expect(second.text).toContain("Câu hỏi mới số 2<");

    const closed = await agent.get("/admin/feedback?status=closed").expect(200);
    expect(closed.text).toContain("Đã xong việc");
    expect(closed.text).not.toContain("Câu hỏi mới số");
    expect(closed.text).toContain("Đã đóng (1)");
  });

  it("refuses an unknown status filter with 400", async () => {
    const t = await createTestApp();
    const { agent } = await asEditor(t);
    expect((await agent.get("/admin/feedback?status=spam").expect(400)).text).toContain("Bộ lọc không hợp lệ.");
  });

  it("shows one message with the sender's details in Vietnam time", async () => {
    const t = await createTestApp();
    const message = await buildMessage(t, { createdAt: new Date("2026-11-01T17:30:00Z") });
    const { agent } = await asEditor(t);
    const res = await agent.get(`/admin/feedback/${message.id}`).expect(200);
    expect(res.text).toContain(message.subject);
    expect(res.text).toContain(`Xin hỏi thủ tục số`);
    expect(res.text).toContain(`mailto:${message.email}`);
    expect(res.text).toContain("00:30 - 02/11/2026");
    await agent.get("/admin/feedback/999999").expect(404);
  });

  it("changes the status, which the filters then reflect", async () => {
    const t = await createTestApp();
    const message = await buildMessage(t);
    const { agent, csrf } = await asEditor(t);
    const res = await agent.post(`/admin/feedback/${message.id}/status`).type("form").send({ _csrf: csrf, status: "answered" }).expect(303);
    expect(res.headers.location).toBe(`/admin/feedback/${message.id}`);
    expect((await agent.get(res.headers.location!)).text).toContain("Đã cập nhật trạng thái.");
    expect((await t.prisma.feedbackMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("answered");
    expect((await agent.get("/admin/feedback?status=answered")).text).toContain(message.subject);
    const json = await agent.post(`/admin/feedback/${message.id}/status`).set("accept", "application/json").set("x-csrf-token", csrf).send({ status: "closed" }).expect(200);
    expect(json.body).toEqual({ id: message.id, url: `/admin/feedback/${message.id}` });
  });

  it("refuses an unknown status with 422 and keeps the old one", async () => {
    const t = await createTestApp();
    const message = await buildMessage(t);
    const { agent, csrf } = await asEditor(t);
    const res = await agent.post(`/admin/feedback/${message.id}/status`).type("form").send({ _csrf: csrf, status: "deleted" }).expect(422);
    expect(res.text).toContain("Trạng thái phải là Mới, Đã trả lời hoặc Đã đóng.");
    const json = await agent.post(`/admin/feedback/${message.id}/status`).set("accept", "application/json").set("x-csrf-token", csrf).send({ status: "spam" }).expect(422);
    expect(json.body.error).toBe("Trạng thái phải là Mới, Đã trả lời hoặc Đã đóng.");
    expect((await t.prisma.feedbackMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("new");
  });

  it("refuses a status change without a CSRF token", async () => {
    const t = await createTestApp();
    const message = await buildMessage(t);
    const { agent } = await asEditor(t);
    await agent.post(`/admin/feedback/${message.id}/status`).type("form").send({ status: "closed" }).expect(403);
    expect((await t.prisma.feedbackMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("new");
  });

  it("answers 403 to an author and changes nothing", async () => {
    const t = await createTestApp();
    const message = await buildMessage(t);
    const { agent, csrf } = await loginAs(t, await buildUser(t.prisma, { role: "author" }));
    await agent.get("/admin/feedback").expect(403);
    await agent.get(`/admin/feedback/${message.id}`).expect(403);
    await agent.post(`/admin/feedback/${message.id}/status`).type("form").send({ _csrf: csrf, status: "closed" }).expect(403);
    expect((await t.prisma.feedbackMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("new");
  });
});
