import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { buildUser, csrfFrom, loginAs, TEST_PASSWORD } from "../../helpers/login.js";

const PAGE = "/admin/tai-khoan/mat-khau";
const NEW_PASSWORD = "Cau-Ninh-Kieu-luc-binh-minh";

async function canSignIn(t: TestApp, email: string, password: string): Promise<boolean> {
  const agent = request.agent(t.app);
  const token = await csrfFrom(agent, "/admin/login");
  return (await agent.post("/admin/login").type("form").send({ email, password, _csrf: token })).status === 303;
}

describe("changing one's own password", () => {
  it.each(["admin", "editor", "author"] as const)("is open to an %s", async (role) => {
    const t = await createTestApp();
    const { agent } = await loginAs(t, await buildUser(t.prisma, { role }));
    const res = await agent.get(PAGE).expect(200);
    expect(res.text).toContain("Đổi mật khẩu");
    expect(res.text).toMatch(/name="currentPassword"[^>]*autocomplete="current-password"/);
    expect(res.text).toMatch(/name="newPassword"/);
    expect(res.text).toMatch(/name="confirmPassword"/);
  });

  it("changes it, ends the other sessions, keeps this browser signed in on a new session id", async () => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma, { role: "author" });
    const other = await loginAs(t, user);
    const { agent, csrf } = await loginAs(t, user);
    const before = (await t.prisma.session.findMany()).map((s) => s.sid);

    const res = await agent.post(PAGE).type("form").send({ _csrf: csrf, currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(303);
    expect(res.headers.location).toBe("/admin");
    const dashboard = await agent.get("/admin").expect(200);
    expect(dashboard.text).toContain("Đã đổi mật khẩu.");
    await other.agent.get("/admin").expect(303);
    const after = (await t.prisma.session.findMany()).map((s) => s.sid);
    expect(after).toHaveLength(1);
    expect(before).not.toContain(after[0]);
    expect(await canSignIn(t, user.email, TEST_PASSWORD)).toBe(false);
    expect(await canSignIn(t, user.email, NEW_PASSWORD)).toBe(true);
    expect(await t.prisma.auditLog.count({ where: { action: "account.password", userId: user.id } })).toBe(1);
  });

  it.each([
    ["a wrong current password", { currentPassword: "khong-phai-mat-khau" }, "Mật khẩu hiện tại không đúng."],
    ["a short password", { newPassword: "Ngan-qua1", confirmPassword: "Ngan-qua1" }, "Mật khẩu cần ít nhất 10 ký tự."],
    ["the e-mail", { newPassword: "EMAIL", confirmPassword: "EMAIL" }, "Mật khẩu không được trùng với thư điện tử."],
    ["the e-mail's local part", { newPassword: "LOCAL", confirmPassword: "LOCAL" }, "Mật khẩu không được trùng với thư điện tử."],
    ["a common password", { newPassword: "Password123", confirmPassword: "Password123" }, "Mật khẩu này quá phổ biến"],
    ["a confirmation that differs", { confirmPassword: "Cau-Ninh-Kieu-luc-hoang-hon" }, "Mật khẩu nhập lại không khớp với mật khẩu mới."],
    ["the same password again", { newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }, "Mật khẩu mới phải khác mật khẩu hiện tại."],
  ])("refuses %s with 422 and changes nothing", async (_label, change, message) => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma, { role: "editor", email: `thu.ky.phong.${Date.now()}@cantho.gov.vn` });
    const other = await loginAs(t, user);
    const { agent, csrf } = await loginAs(t, user);
    const swap = (v: string) => (v === "EMAIL" ? user.email.toUpperCase() : v === "LOCAL" ? user.email.split("@")[0]! : v);
    const body = { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ...change };
    const sent = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, swap(v)]));
    const res = await agent.post(PAGE).type("form").send({ _csrf: csrf, ...sent }).expect(422);
    expect(res.text).toContain(message);
    expect(res.text).toContain('class="error-summary"');
    expect(res.text).not.toContain(TEST_PASSWORD); // passwords are never echoed back
    await other.agent.get("/admin").expect(200);
    expect(await canSignIn(t, user.email, TEST_PASSWORD)).toBe(true);
  });

  it("counts wrong current passwords as failed logins, so guessing through a session is throttled", async () => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma);
    const { agent, csrf } = await loginAs(t, user);
    for (let i = 0; i < 5; i++) {
      await agent.post(PAGE).type("form").send({ _csrf: csrf, currentPassword: `doan-sai-lan-${i}`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(422);
    }
    const res = await agent.post(PAGE).type("form").send({ _csrf: csrf, currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(429);
    expect(res.text).toMatch(/Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ phút\./);
    expect(await t.prisma.auditLog.count({ where: { action: "account.password" } })).toBe(0);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });

  it("refuses a change without a CSRF token", async () => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma);
    const { agent } = await loginAs(t, user);
    await agent.post(PAGE).type("form").send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(403);
    expect(await canSignIn(t, user.email, TEST_PASSWORD)).toBe(true);
  });

  it("answers JSON clients with 200 or a Vietnamese error", async () => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma);
    const { agent, csrf } = await loginAs(t, user);
    const refused = await agent.post(PAGE).set("accept", "application/json").set("x-csrf-token", csrf).send({ currentPassword: "sai-roi-nhe", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(422);
    expect(refused.body.error).toBe("Mật khẩu hiện tại không đúng.");
    const ok = await agent.post(PAGE).set("accept", "application/json").set("x-csrf-token", csrf).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }).expect(200);
    expect(ok.body).toEqual({ id: user.id, url: PAGE });
  });

  it("sends a signed-out visitor to the login page", async () => {
    const t = await createTestApp();
    await request(t.app).get(PAGE).expect(303).expect("location", `/admin/login?next=${encodeURIComponent(PAGE)}`);
  });
});
