import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { buildUser, loginAs } from "../../helpers/login.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildQuestion } from "../../helpers/questions.js";

const expectValid = htmlChecker();

const vn = (local: string) => new Date(`${local}+07:00`);

async function as(t: TestApp, role: "admin" | "editor" | "author") {
  return loginAs(t, await buildUser(t.prisma, { role }));
}

// The rows of the list in order: each question's title link.
const order = (html: string, titles: string[]) => titles.map((title) => html.indexOf(`>${title}</a>`));

describe("staff list of questions (/admin/questions)", () => {
  it("is for editors and administrators; authors get 403 and no menu line", async () => {
    const t = await createTestApp();
    const q = await buildQuestion(t.prisma, { status: "received", published: false });
    for (const role of ["editor", "admin"] as const) {
      const { agent } = await as(t, role);
      const list = await agent.get("/admin/questions").expect(200);
      expect(list.text).toContain('href="/admin/questions"');
      await agent.get(`/admin/questions/${q.id}`).expect(200);
    }
    const { agent, csrf } = await as(t, "author");
    await agent.get("/admin/questions").expect(403);
    await agent.get(`/admin/questions/${q.id}`).expect(403);
    await agent.post(`/admin/questions/${q.id}`).type("form").send({ _csrf: csrf, status: "processing" }).expect(403);
    await agent.post(`/admin/questions/${q.id}/trash`).type("form").send({ _csrf: csrf }).expect(403);
    const dashboard = await agent.get("/admin").expect(200);
    expect(dashboard.text).not.toContain('href="/admin/questions"');
    expect((await t.prisma.question.findUniqueOrThrow({ where: { id: q.id } })).status).toBe("received");
    await request(t.app).get("/admin/questions").expect(303);
  });

  it("puts the open questions first, oldest first, then the answered ones, and counts working days waited", async () => {
    // Monday 7 December 2026, 09:00 in Vietnam.
    const clock = testClock("2026-12-07T02:00:00Z");
    const t = await createTestApp({ clock });
    await t.prisma.question.updateMany({ data: { deletedAt: new Date() } }); // the seeded ones out of the way
    const friday = await buildQuestion(t.prisma, { title: "Gửi thứ Sáu, đang xử lý", status: "processing", published: false, createdAt: vn("2026-12-04T16:00:00") });
    const older = await buildQuestion(t.prisma, { title: "Gửi thứ Hai tuần trước", status: "received", published: false, createdAt: vn("2026-11-30T10:00:00") });
    const today = await buildQuestion(t.prisma, { title: "Gửi sáng nay", status: "received", published: false, createdAt: vn("2026-12-07T08:00:00") });
    const answered = await buildQuestion(t.prisma, {
      title: "Đã trả lời sau ba ngày",
      createdAt: vn("2026-11-23T09:00:00"),
      answeredAt: vn("2026-11-26T15:00:00"),
    });
    const answeredLater = await buildQuestion(t.prisma, { title: "Trả lời gần đây hơn", createdAt: vn("2026-11-27T09:00:00"), answeredAt: vn("2026-12-01T10:00:00") });
    const { agent } = await as(t, "editor");
    const html = (await agent.get("/admin/questions").expect(200)).text;
    const positions = order(html, [older.title, friday.title, today.title, answeredLater.title, answered.title]);
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const waited = (title: string) => new RegExp(`>${title}</a>[\\s\\S]*?Đã chờ" class="nowrap">(\\d+) ngày`).exec(html)?.[1];
    expect(waited(older.title)).toBe("5"); // Tue-Fri and Monday
    expect(waited(friday.title)).toBe("1"); // the weekend does not count
    expect(waited(today.title)).toBe("0");
    expect(waited(answered.title)).toBe("3"); // Mon 23 → Thu 26, stopped at the answer
    expect(waited(answeredLater.title)).toBe("2"); // Fri 27 → Tue 1
    expect(html).toContain("Tất cả (5)");
    expect(html).toContain("Đã tiếp nhận (2)");
  });

  it("filters by status and keeps the filter in the page links", async () => {
    const t = await createTestApp();
    const received = await buildQuestion(t.prisma, { title: "Câu hỏi mới tiếp nhận", status: "received", published: false });
    const forwarded = await buildQuestion(t.prisma, { title: "Câu hỏi đã chuyển", status: "forwarded", forwardNote: "Chuyển Sở Y tế.", published: false });
    const { agent } = await as(t, "editor");
    const html = (await agent.get("/admin/questions?status=forwarded").expect(200)).text;
    expect(html).toContain(forwarded.title);
    expect(html).not.toContain(received.title);
    expect(html).toContain('href="/admin/questions?status=forwarded" aria-current="page"');
    await agent.get("/admin/questions?status=khong-co").expect(400);
  });

  it("shows everything the asker sent to staff", async () => {
    const t = await createTestApp();
    const q = await buildQuestion(t.prisma, { name: "Huỳnh Thị Mai", email: "mai.huynh@example.com", phone: "0939 111 222", status: "received", published: false });
    const { agent } = await as(t, "editor");
    const html = (await agent.get(`/admin/questions/${q.id}`).expect(200)).text;
    for (const text of ["Huỳnh Thị Mai", "mai.huynh@example.com", "0939 111 222", "45 Nguyễn Trãi, Cần Thơ", q.code, q.question]) expect(html).toContain(text);
    expect(html).toContain('data-editor="quill"');
    expect(html).toContain('value="Cải cách hành chính TPCT"'); // answeredBy defaults to the managing unit
    await expectValid(html, "answer page");
    await expectValid((await agent.get("/admin/questions").expect(200)).text, "staff list");
    await agent.get("/admin/questions/999999").expect(404);
    await agent.get("/admin/questions/abc").expect(400);
  });

  it("moves a question to the trash and back, audited; trashed ones are gone from the public and the lookup", async () => {
    const t = await createTestApp();
    const q = await buildQuestion(t.prisma, { title: "Câu hỏi sẽ vào thùng rác" });
    const { agent, csrf } = await as(t, "editor");
    await request(t.app).get(`/hoi-dap/${q.slug}`).expect(200);
    const res = await agent.post(`/admin/questions/${q.id}/trash`).set("Accept", "application/json").send({ _csrf: csrf }).expect(200);
    expect(res.body).toEqual({ id: q.id, url: "/admin/questions" });
    await request(t.app).get(`/hoi-dap/${q.slug}`).expect(404);
    await request(t.app).get(`/hoi-dap/tra-cuu?ma=${q.code}`).expect(404);
    expect((await agent.get("/admin/questions").expect(200)).text).not.toContain(q.title);
    const trash = await agent.get("/admin/questions?status=trash").expect(200);
    expect(trash.text).toContain(q.title);
    expect((await agent.get(`/admin/questions/${q.id}`).expect(200)).text).toContain("Khôi phục câu hỏi");
    const answer = await agent.post(`/admin/questions/${q.id}`).set("Accept", "application/json").send({ _csrf: csrf, status: "answered", answer: "<p>x</p>" }).expect(409);
    expect(answer.body.error).toContain("thùng rác");

    await agent.post(`/admin/questions/${q.id}/restore`).type("form").send({ _csrf: csrf }).expect(303);
    await request(t.app).get(`/hoi-dap/${q.slug}`).expect(200);
    const actions = (await t.prisma.auditLog.findMany({ where: { target: { contains: q.code } }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["question.trash", "question.restore"]);
  });
});
