import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { buildUser, csrfFrom, loginAs, TEST_PASSWORD } from "../../helpers/login.js";

const NEW_PASSWORD = "Song-Hau-mua-nuoc-noi-2026";

async function signInStatus(t: TestApp, email: string, password: string): Promise<number> {
  const agent = request.agent(t.app);
  const token = await csrfFrom(agent, "/admin/login");
  const res = await agent.post("/admin/login").type("form").send({ email, password, _csrf: token });
  return res.status;
}

async function asAdmin(t: TestApp) {
  const admin = await buildUser(t.prisma, { role: "admin", name: "Trần Quản Trị" });
  return { admin, ...(await loginAs(t, admin)) };
}

describe("accounts: list and create", () => {
  it("lists every account with its role, status and last login", async () => {
    const t = await createTestApp();
    const { agent } = await asAdmin(t);
    const reporter = await buildUser(t.prisma, { role: "author", name: "Lê Phóng Viên" });
    await t.prisma.user.update({ where: { id: reporter.id }, data: { disabled: true } });
    const res = await agent.get("/admin/users").expect(200);
    expect(res.text).toContain("Trần Quản Trị");
    expect(res.text).toContain(reporter.email);
    expect(res.text).toContain("Phóng viên");
    expect(res.text).toContain("Đã khoá");
    expect(res.text).toContain("Chưa đăng nhập");
    expect(res.text).toMatch(/\d{2}:\d{2} - \d{2}\/\d{2}\/\d{4}/); // the admin's own login, in Vietnam time
  });

  it("creates an account who can then sign in, and records it in the audit log", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const res = await agent
      .post("/admin/users")
      .type("form")
      .send({ _csrf: csrf, name: "Nguyễn Văn Biên", email: "Bien.Tap@CanTho.gov.vn", role: "editor", password: NEW_PASSWORD })
      .expect(303);
    const created = await t.prisma.user.findUniqueOrThrow({ where: { email: "bien.tap@cantho.gov.vn" } });
    expect(res.headers.location).toBe(`/admin/users/${created.id}`);
    expect(created.role).toBe("editor");
    expect((await agent.get(res.headers.location!).expect(200)).text).toContain("Đã tạo tài khoản.");
    expect(await signInStatus(t, "bien.tap@cantho.gov.vn", NEW_PASSWORD)).toBe(303);
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "user.create" } });
    expect(audit.target).toBe("bien.tap@cantho.gov.vn");
  });

  it("answers 201 with id and url to a JSON client", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const res = await agent
      .post("/admin/users")
      .set("accept", "application/json")
      .set("x-csrf-token", csrf)
      .send({ name: "Phạm Tác Giả", email: "tacgia@cantho.gov.vn", role: "author", password: NEW_PASSWORD })
      .expect(201);
    expect(res.body).toEqual({ id: expect.any(Number), url: `/admin/users/${res.body.id}` });
  });

  it.each([
    ["a short password", { password: "Ngan-qua" }, 422, "Mật khẩu cần ít nhất 10 ký tự."],
    ["the e-mail as password", { password: "moi.nguoi.dung@cantho.gov.vn" }, 422, "Mật khẩu không được trùng với thư điện tử."],
    ["the e-mail's local part as password", { password: "Moi.Nguoi.Dung" }, 422, "Mật khẩu không được trùng với thư điện tử."],
    ["a common password", { password: "password123" }, 422, "Mật khẩu này quá phổ biến"],
    ["a bad e-mail", { email: "khong-phai-email" }, 422, "Thư điện tử không đúng định dạng"],
    ["an unknown role", { role: "owner" }, 422, "Vui lòng chọn một vai trò."],
    ["a missing name", { name: "  " }, 422, "Vui lòng nhập họ và tên."],
  ])("refuses %s and stores nothing", async (_label, change, status, message) => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const before = await t.prisma.user.count();
    const body = { _csrf: csrf, name: "Người Mới", email: "moi.nguoi.dung@cantho.gov.vn", role: "editor", password: NEW_PASSWORD, ...change };
    const res = await agent.post("/admin/users").type("form").send(body).expect(status);
    expect(res.text).toContain(message);
    expect(res.text).toContain('class="error-summary"');
    expect(res.text).toContain("name" in change ? "moi.nguoi.dung@cantho.gov.vn" : "Người Mới"); // what was typed is kept
    expect(await t.prisma.user.count()).toBe(before);
  });

  it("refuses an e-mail already in use with 409", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const existing = await buildUser(t.prisma);
    const res = await agent
      .post("/admin/users")
      .set("accept", "application/json")
      .set("x-csrf-token", csrf)
      .send({ name: "Trùng Thư", email: existing.email, role: "editor", password: NEW_PASSWORD })
      .expect(409);
    expect(res.body.error).toBe("Thư điện tử này đã được dùng cho một tài khoản khác.");
    expect(await t.prisma.user.count({ where: { email: existing.email } })).toBe(1);
  });

  it("refuses a create without a CSRF token", async () => {
    const t = await createTestApp();
    const { agent } = await asAdmin(t);
    const before = await t.prisma.user.count();
    const res = await agent.post("/admin/users").type("form").send({ name: "Không Token", email: "x@cantho.gov.vn", role: "admin", password: NEW_PASSWORD }).expect(403);
    expect(res.text).toContain("Vui lòng tải lại trang");
    expect(await t.prisma.user.count()).toBe(before);
  });

  it.each(["editor", "author"] as const)("answers 403 to an %s and changes nothing", async (role) => {
    const t = await createTestApp();
    const staff = await buildUser(t.prisma, { role });
    const target = await buildUser(t.prisma, { role: "author" });
    const { agent, csrf } = await loginAs(t, staff);
    expect((await agent.get("/admin/users").expect(403)).text).toContain("Bạn không có quyền");
    await agent.get(`/admin/users/${target.id}`).expect(403);
    await agent.post("/admin/users").type("form").send({ _csrf: csrf, name: "Tự Tạo", email: "tu.tao@cantho.gov.vn", role: "admin", password: NEW_PASSWORD }).expect(403);
    await agent.post(`/admin/users/${target.id}/disable`).type("form").send({ _csrf: csrf }).expect(403);
    await agent.post(`/admin/users/${staff.id}/role`).type("form").send({ _csrf: csrf, role: "admin" }).expect(403);
    expect(await t.prisma.user.findUnique({ where: { email: "tu.tao@cantho.gov.vn" } })).toBeNull();
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).disabled).toBe(false);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).role).toBe(role);
  });
});

describe("accounts: disable, enable, reset, role", () => {
  it("disabling ends the user's live session at once and stops them signing in", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const editor = await buildUser(t.prisma, { role: "editor" });
    const victim = await loginAs(t, editor);
    await victim.agent.get("/admin").expect(200);

    const res = await agent.post(`/admin/users/${editor.id}/disable`).type("form").send({ _csrf: csrf }).expect(303);
    expect((await agent.get(res.headers.location!)).text).toContain("Đã khoá tài khoản");
    await victim.agent.get("/admin").expect(303).expect("location", "/admin/login?next=%2Fadmin");
    expect(await signInStatus(t, editor.email, TEST_PASSWORD)).toBe(401);
    const sessions = await t.prisma.session.findMany();
    expect(sessions.some((s) => JSON.parse(s.data).userId === editor.id)).toBe(false);
    expect(await t.prisma.auditLog.count({ where: { action: "user.disable", target: editor.email } })).toBe(1);

    await agent.post(`/admin/users/${editor.id}/enable`).type("form").send({ _csrf: csrf }).expect(303);
    expect(await signInStatus(t, editor.email, TEST_PASSWORD)).toBe(303);
    expect(await t.prisma.auditLog.count({ where: { action: "user.enable", target: editor.email } })).toBe(1);
  });

  it("will not let an administrator disable their own account", async () => {
    const t = await createTestApp();
    const { admin, agent, csrf } = await asAdmin(t);
    const res = await agent.post(`/admin/users/${admin.id}/disable`).type("form").send({ _csrf: csrf }).expect(409);
    expect(res.text).toContain("Bạn không thể tự khoá tài khoản của mình.");
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).disabled).toBe(false);
    await agent.get("/admin").expect(200);
  });

  it("resetting a password ends the user's sessions; only the new password works", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const author = await buildUser(t.prisma, { role: "author" });
    const victim = await loginAs(t, author);
    const res = await agent.post(`/admin/users/${author.id}/password`).type("form").send({ _csrf: csrf, password: NEW_PASSWORD }).expect(303);
    expect((await agent.get(res.headers.location!)).text).toContain("Đã đặt mật khẩu mới");
    await victim.agent.get("/admin").expect(303);
    expect(await signInStatus(t, author.email, TEST_PASSWORD)).toBe(401);
    expect(await signInStatus(t, author.email, NEW_PASSWORD)).toBe(303);
    expect(await t.prisma.auditLog.count({ where: { action: "user.password_reset", target: author.email } })).toBe(1);
  });

  it("refuses a reset to a weak password and keeps the old one and the sessions", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const author = await buildUser(t.prisma, { role: "author" });
    const victim = await loginAs(t, author);
    const res = await agent.post(`/admin/users/${author.id}/password`).type("form").send({ _csrf: csrf, password: "1234567890" }).expect(422);
    expect(res.text).toContain("Mật khẩu này quá phổ biến");
    await victim.agent.get("/admin").expect(200);
    expect(await signInStatus(t, author.email, TEST_PASSWORD)).toBe(303);
  });

  it("changes a role, which takes effect on the user's next request", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const editor = await buildUser(t.prisma, { role: "editor" });
    const session = await loginAs(t, editor);
    await session.agent.get("/admin/users").expect(403);
    await agent.post(`/admin/users/${editor.id}/role`).type("form").send({ _csrf: csrf, role: "admin" }).expect(303);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: editor.id } })).role).toBe("admin");
    await session.agent.get("/admin/users").expect(200);
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "user.role" } });
    expect(audit.detail).toBe("editor → admin");
  });

  it("refuses an unknown role with 422 and keeps the old one", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await asAdmin(t);
    const editor = await buildUser(t.prisma, { role: "editor" });
    const res = await agent.post(`/admin/users/${editor.id}/role`).type("form").send({ _csrf: csrf, role: "superuser" }).expect(422);
    expect(res.text).toContain("Vui lòng chọn một vai trò.");
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: editor.id } })).role).toBe("editor");
  });

  it("will not let an administrator demote themselves", async () => {
    const t = await createTestApp();
    const { admin, agent, csrf } = await asAdmin(t);
    const res = await agent.post(`/admin/users/${admin.id}/role`).set("accept", "application/json").set("x-csrf-token", csrf).send({ role: "editor" }).expect(409);
    expect(res.body.error).toMatch(/không thể tự đổi vai trò/);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
  });
});

/** Runs `npm run cli -- …` against the test app's database; resolves with its exit code and output. */
async function runCli(t: TestApp, args: string[], stdin: string) {
  const root = path.resolve(import.meta.dirname, "../../..");
  const env = { ...process.env, DATABASE_URL: t.config.databaseUrl, BCRYPT_COST: "4", NODE_ENV: "test" };
  const child = promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { cwd: root, env });
  child.child.stdin!.end(stdin);
  return child.then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe("command line", () => {
  it("user:create refuses a top-1000 common password", async () => {
    const t = await createTestApp();
    const result = await runCli(t, ["user:create", "--email", "cli@cantho.gov.vn", "--name", "CLI", "--role", "admin", "--password-stdin"], "qwertyuiop\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Mật khẩu này quá phổ biến");
    expect(await t.prisma.user.findUnique({ where: { email: "cli@cantho.gov.vn" } })).toBeNull();
  });

  it("user:password sets a forgotten password, ends the sessions and is recorded", async () => {
    const t = await createTestApp();
    const admin = await buildUser(t.prisma, { role: "admin" });
    const session = await loginAs(t, admin);
    const result = await runCli(t, ["user:password", "--email", admin.email.toUpperCase(), "--password-stdin"], `${NEW_PASSWORD}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Đã đặt mật khẩu mới cho ${admin.email}`);
    await session.agent.get("/admin").expect(303);
    expect(await signInStatus(t, admin.email, NEW_PASSWORD)).toBe(303);
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "user.password_reset" } });
    expect(audit).toMatchObject({ userId: null, ip: "dòng lệnh", target: admin.email });
  });

  it("user:password refuses an unknown e-mail and a weak password", async () => {
    const t = await createTestApp();
    const admin = await buildUser(t.prisma, { role: "admin" });
    const unknown = await runCli(t, ["user:password", "--email", "khong-co@cantho.gov.vn", "--password-stdin"], `${NEW_PASSWORD}\n`);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Không có tài khoản nào với thư điện tử khong-co@cantho.gov.vn.");
    const weak = await runCli(t, ["user:password", "--email", admin.email, "--password-stdin"], "ngan\n");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("Mật khẩu cần ít nhất 10 ký tự.");
    expect(await signInStatus(t, admin.email, TEST_PASSWORD)).toBe(303);
  });
});
