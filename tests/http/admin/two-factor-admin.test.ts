import { describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { testClock, type TestClock } from "../../helpers/clock.js";
import { buildUser, csrfFrom, loginAs } from "../../helpers/login.js";
import { buildTwoFactorUser, loginWithCode, passwordStep, secretOn, submitPassword, totpCode } from "../../helpers/two-factor.js";

const start = () => testClock("2026-11-27T02:00:10Z");

/** An administrator with a second factor, signed in; the requirement can then be switched on. */
async function signedInAdmin(t: TestApp, clock: TestClock) {
  const { user, secret } = await buildTwoFactorUser(t, clock, { role: "admin", name: "Trần Quản Trị" });
  return { admin: user, ...(await loginWithCode(t, clock, user, secret)) };
}

async function requireTwoFactor(t: TestApp, clock: TestClock) {
  const { agent, csrf } = await signedInAdmin(t, clock);
  await agent.post("/admin/settings/two-factor").type("form").send({ _csrf: csrf, requireTwoFactor: "on" }).expect(303);
}

describe("requiring a second factor", () => {
  it("is switched on by an administrator who has one, from the settings page, and audited", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { agent, csrf } = await signedInAdmin(t, clock);
    const page = await agent.get("/admin/settings").expect(200);
    expect(page.text).toMatch(/<input type="checkbox" id="requireTwoFactor" name="requireTwoFactor"/);
    expect(page.text).not.toMatch(/id="requireTwoFactor"[^>]* checked/);
    await agent.post("/admin/settings/two-factor").type("form").send({ requireTwoFactor: "on" }).expect(403);
    const res = await agent.post("/admin/settings/two-factor").type("form").send({ _csrf: csrf, requireTwoFactor: "on" }).expect(303);
    expect(res.headers.location).toBe("/admin/settings");
    expect((await agent.get("/admin/settings")).text).toMatch(/id="requireTwoFactor"[^>]* checked/);
    expect((await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).requireTwoFactor).toBe(true);
    expect((await t.prisma.auditLog.findFirstOrThrow({ where: { action: "settings.update" }, orderBy: { id: "desc" } })).detail).toBe("requireTwoFactor: bật");
  });

  it("cannot be switched on by an administrator without a second factor (409, nothing stored), nor by an editor (403)", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { agent, csrf } = await loginAs(t, await buildUser(t.prisma, { role: "admin" }));
    const res = await agent.post("/admin/settings/two-factor").set("accept", "application/json").send({ _csrf: csrf, requireTwoFactor: true }).expect(409);
    expect(res.body.error).toContain("Hãy bật xác thực hai lớp cho tài khoản của chính bạn trước");
    const html = await agent.post("/admin/settings/two-factor").type("form").send({ _csrf: csrf, requireTwoFactor: "on" }).expect(409);
    expect(html.text).toContain("error-summary");
    const editor = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    await editor.agent.post("/admin/settings/two-factor").type("form").send({ _csrf: editor.csrf, requireTwoFactor: "on" }).expect(403);
    expect((await t.prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).requireTwoFactor).toBe(false);
  });

  it("sends an editor without one to enrolment after the password; nothing else opens until enrolled", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    await requireTwoFactor(t, clock);
    const editor = await buildUser(t.prisma, { role: "editor", name: "Lê Biên Tập" });
    const { agent, res } = await submitPassword(t, editor);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/admin/login/hai-lop");
    await agent.get("/admin").expect(303).expect("location", "/admin/login?next=%2Fadmin");
    await agent.get("/admin/tai-khoan/hai-lop").expect(303);
    expect((await agent.get("/admin/login")).text).toContain('href="/admin/login/hai-lop"');

    const page = await agent.get("/admin/login/hai-lop").expect(200);
    expect(page.text).toContain("Quản trị viên đã bắt buộc xác thực hai lớp");
    expect(page.text).toMatch(/src="data:image\/svg\+xml;base64,/);
    const secret = secretOn(page.text);
    const enrolCsrf = await csrfFrom(agent, "/admin/login/hai-lop");
    await agent.post("/admin/login/hai-lop").type("form").send({ _csrf: enrolCsrf, code: "000000" }).expect(422);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: editor.id } })).totpEnabledAt).toBeNull();
    await agent.get("/admin").expect(303);
    await agent.post("/admin/login/hai-lop").type("form").send({ code: totpCode(secret, clock()) }).expect(403);

    const done = await agent.post("/admin/login/hai-lop").type("form").send({ _csrf: enrolCsrf, code: totpCode(secret, clock()) }).expect(200);
    expect(done.text.match(/<code>[A-Z2-9-]{19}<\/code>/g)).toHaveLength(10);
    expect((await agent.get("/admin").expect(200)).text).toContain("Lê Biên Tập");
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: editor.id } })).totpEnabledAt).not.toBeNull();
  });

  it("answers JSON clients {twoFactorSetup: true, url} at the password step, then the recovery codes", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    await requireTwoFactor(t, clock);
    const editor = await buildUser(t.prisma, { role: "admin" });
    const { agent, res: first } = await submitPassword(t, editor, { json: true });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ twoFactorSetup: true, url: "/admin/login/hai-lop" });
    const secret = secretOn((await agent.get("/admin/login/hai-lop")).text);
    const enrolCsrf = await csrfFrom(agent, "/admin/login/hai-lop");
    const second = await agent.post("/admin/login/hai-lop").set("accept", "application/json").send({ _csrf: enrolCsrf, code: totpCode(secret, clock()) }).expect(200);
    expect(second.body).toMatchObject({ id: editor.id, url: "/admin" });
    expect(second.body.recoveryCodes).toHaveLength(10);
  });

  it("leaves reporters alone", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    await requireTwoFactor(t, clock);
    const { agent } = await loginAs(t, await buildUser(t.prisma, { role: "author" }));
    await agent.get("/admin").expect(200);
  });

  it("catches an editor already signed in at their next request", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { agent } = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    await agent.get("/admin").expect(200);
    await requireTwoFactor(t, clock);
    await agent.get("/admin/articles").expect(303).expect("location", "/admin/login?next=%2Fadmin%2Farticles");
    expect((await agent.get("/admin/login")).text).toContain('href="/admin/login/hai-lop"');
    await agent.get("/admin/login/hai-lop").expect(200);
  });
});

describe("an administrator resetting a colleague's second factor", () => {
  it("removes it, ends their sessions, and is audited under a Vietnamese name", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user: editor, secret } = await buildTwoFactorUser(t, clock, { role: "editor" });
    const editorSession = await loginWithCode(t, clock, editor, secret);
    const { agent, csrf, admin } = await signedInAdmin(t, clock);
    const page = await agent.get(`/admin/users/${editor.id}`).expect(200);
    expect(page.text).toContain("Đặt lại xác thực hai lớp");
    expect(page.text).toContain(`action="/admin/users/${editor.id}/two-factor/reset"`);

    const res = await agent.post(`/admin/users/${editor.id}/two-factor/reset`).type("form").send({ _csrf: csrf }).expect(303);
    expect(res.headers.location).toBe(`/admin/users/${editor.id}`);
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: editor.id } });
    expect([row.totpSecret, row.totpEnabledAt]).toEqual([null, null]);
    expect(await t.prisma.recoveryCode.count({ where: { userId: editor.id } })).toBe(0);
    await editorSession.agent.get("/admin").expect(303);
    const entry = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "user.2fa_reset" } });
    expect([entry.userId, entry.target]).toEqual([admin.id, editor.email]);
    expect((await agent.get("/admin/audit").expect(200)).text).toContain("Đặt lại xác thực hai lớp");
    // The password alone signs in again (nothing is required here).
    await loginAs(t, editor);
  });

  it("is refused to editors and reporters (403) and without a CSRF token (403)", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user: target } = await buildTwoFactorUser(t, clock, { role: "author" });
    for (const role of ["editor", "author"] as const) {
      const { agent, csrf } = await loginAs(t, await buildUser(t.prisma, { role }));
      await agent.post(`/admin/users/${target.id}/two-factor/reset`).type("form").send({ _csrf: csrf }).expect(403);
    }
    const { agent } = await signedInAdmin(t, clock);
    await agent.post(`/admin/users/${target.id}/two-factor/reset`).type("form").send({}).expect(403);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).totpEnabledAt).not.toBeNull();
    expect(await t.prisma.auditLog.count({ where: { action: "user.2fa_reset" } })).toBe(0);
  });

  it("refuses one's own account and an account without a second factor (409)", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { agent, csrf, admin } = await signedInAdmin(t, clock);
    const self = await agent.post(`/admin/users/${admin.id}/two-factor/reset`).set("accept", "application/json").send({ _csrf: csrf }).expect(409);
    expect(self.body.error).toContain("trang Xác thực hai lớp");
    const plain = await buildUser(t.prisma);
    const none = await agent.post(`/admin/users/${plain.id}/two-factor/reset`).set("accept", "application/json").send({ _csrf: csrf }).expect(409);
    expect(none.body.error).toBe("Tài khoản này chưa bật xác thực hai lớp.");
  });

  it("lets the colleague, when required, enrol again with a new phone right after the password", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user: editor } = await buildTwoFactorUser(t, clock, { role: "editor" });
    const { agent, csrf } = await signedInAdmin(t, clock);
    await agent.post("/admin/settings/two-factor").type("form").send({ _csrf: csrf, requireTwoFactor: "on" }).expect(303);
    await agent.post(`/admin/users/${editor.id}/two-factor/reset`).type("form").send({ _csrf: csrf }).expect(303);
    const { res } = await submitPassword(t, editor);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/admin/login/hai-lop");
  });
});

describe("the code step and the password step together", () => {
  it("a half-done sign-in of one user never opens another's account", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user, secret } = await buildTwoFactorUser(t, clock);
    const other = await buildTwoFactorUser(t, clock);
    clock.advance(30_000);
    const { agent, codeCsrf } = await passwordStep(t, user);
    // The other user's valid code does not match this user's secret.
    await agent.post("/admin/login/ma").type("form").send({ code: totpCode(other.secret, clock()), _csrf: codeCsrf }).expect(401);
    await agent.post("/admin/login/ma").type("form").send({ code: totpCode(secret, clock()), _csrf: codeCsrf }).expect(303);
    expect((await agent.get("/admin").expect(200)).text).toContain(user.name);
  });
});
