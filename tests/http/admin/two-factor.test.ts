import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { buildUser, csrfFrom, loginAs, TEST_PASSWORD } from "../../helpers/login.js";
import { buildTwoFactorUser, loginWithCode, passwordStep, secretOn, submitPassword, totpCode } from "../../helpers/two-factor.js";

const PAGE = "/admin/tai-khoan/hai-lop";
const start = () => testClock("2026-11-27T02:00:10Z");

/** A signed-in user without a second factor, on the enrolment page; the secret as shown there. */
async function onEnrolmentPage() {
  const clock = start();
  const t = await createTestApp({ clock });
  const user = await buildUser(t.prisma);
  const { agent, csrf } = await loginAs(t, user);
  const secret = secretOn((await agent.get(PAGE)).text);
  return { clock, t, user, agent, csrf, secret };
}

describe("two-factor enrolment", () => {
  it("shows a QR code (a data: image, no script) and the secret as text, with a code field", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const user = await buildUser(t.prisma, { role: "author" });
    const { agent } = await loginAs(t, user);
    const res = await agent.get(PAGE).expect(200);
    expect(res.text).toMatch(/<img class="qr-code" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"[^>]* alt="Mã QR/);
    expect(secretOn(res.text)).toMatch(/^[A-Z2-7]{32}$/);
    // On the phone itself, a link opens the authenticator app with the same secret.
    expect(res.text).toContain(`href="otpauth://totp/${encodeURIComponent(user.email)}?issuer=`);
    expect(res.text).toMatch(new RegExp(`secret=${secretOn(res.text)}&amp;algorithm=SHA1&amp;digits=6&amp;period=30"`));
    expect(res.text).toMatch(/name="code"[^>]*autocomplete="one-time-code"/);
    expect(res.text).not.toMatch(/<script(?![^>]*src=)/);
    // The secret stays the same while the page is reloaded, until a code switches it on.
    expect(secretOn((await agent.get(PAGE)).text)).toBe(secretOn(res.text));
  });

  it("refuses a wrong code with 422 and switches nothing on", async () => {
    const { clock, t, user, agent, csrf, secret } = await onEnrolmentPage();
    const right = totpCode(secret, clock());
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    const res = await agent.post(PAGE).type("form").send({ _csrf: csrf, code: wrong }).expect(422);
    expect(res.text).toContain("Mã không đúng.");
    expect(res.text).toContain("error-summary");
    const json = await agent.post(PAGE).set("accept", "application/json").send({ _csrf: csrf, code: "" }).expect(422);
    expect(json.body.error).toBe("Vui lòng nhập mã xác thực.");
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([row.totpSecret, row.totpEnabledAt]).toEqual([null, null]);
    expect(await t.prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  });

  it("switches on with the right code, shows ten recovery codes once and keeps only their hashes", async () => {
    const { clock, t, user, agent, csrf, secret } = await onEnrolmentPage();
    const res = await agent.post(PAGE).type("form").send({ _csrf: csrf, code: totpCode(secret, clock()) }).expect(200);
    const codes = [...res.text.matchAll(/<code>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})<\/code>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpSecret).toBe(secret);
    expect(row.totpEnabledAt).not.toBeNull();
    const stored = await t.prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ""));
    const page = await agent.get(PAGE).expect(200);
    expect(page.text).toContain("Đang bật");
    expect(page.text).toContain("10 / 10");
    expect(page.text).not.toContain(codes[0]!);
    expect((await t.prisma.auditLog.findFirstOrThrow({ where: { action: "account.2fa_enable" } })).userId).toBe(user.id);
  });

  it("refuses enrolment without a CSRF token (403) and stores nothing", async () => {
    const { clock, t, user, agent, secret } = await onEnrolmentPage();
    await agent.post(PAGE).type("form").send({ code: totpCode(secret, clock()) }).expect(403);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();
  });
});

describe("signing in with a second factor", () => {
  it("asks for a code after the password; until then nobody is signed in", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user, secret } = await buildTwoFactorUser(t, clock, { role: "admin" });
    clock.advance(30_000);
    const { agent, res } = await submitPassword(t, user);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/admin/login/ma");
    // Half-way: every admin page still sends to the login form, JSON and posts get 401.
    await agent.get("/admin").expect(303).expect("location", "/admin/login?next=%2Fadmin");
    await agent.get("/admin/users").expect(303);
    await agent.get("/admin/articles").set("accept", "application/json").expect(401);
    const form = await agent.get("/admin/login/ma").expect(200);
    expect(form.text).toMatch(/name="code"/);
    expect(form.text).not.toContain(user.name);

    const codeCsrf = await csrfFrom(agent, "/admin/login/ma");
    const done = await agent.post("/admin/login/ma").type("form").send({ code: totpCode(secret, clock()), _csrf: codeCsrf }).expect(303);
    expect(done.headers.location).toBe("/admin");
    expect(String(done.headers["set-cookie"])).toMatch(/cchc\.sid=/); // a new session id once signed in
    expect((await agent.get("/admin").expect(200)).text).toContain(user.name);
    const login = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "login", userId: user.id }, orderBy: { id: "desc" } });
    expect(login.detail).toBe("mã xác thực");
  });

  it("answers JSON clients {twoFactor: true, url} after the password, then {id, url} after the code", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user, secret } = await buildTwoFactorUser(t, clock);
    clock.advance(30_000);
    const { agent, res: first } = await submitPassword(t, user, { json: true });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ twoFactor: true, url: "/admin/login/ma" });
    const codeCsrf = await csrfFrom(agent, "/admin/login/ma");
    const second = await agent.post("/admin/login/ma").set("accept", "application/json").send({ code: totpCode(secret, clock()), _csrf: codeCsrf }).expect(200);
    expect(second.body).toEqual({ id: user.id, url: "/admin" });
  });

  it("refuses a wrong code with 401, counts it as a failed login, and stays half-way", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user, secret } = await buildTwoFactorUser(t, clock);
    clock.advance(30_000);
    const { agent, codeCsrf } = await passwordStep(t, user);
    const wrong = String((Number(totpCode(secret, clock())) + 500_000) % 1_000_000).padStart(6, "0");
    const res = await agent.post("/admin/login/ma").type("form").send({ code: wrong, _csrf: codeCsrf }).expect(401);
    expect(res.text).toContain("Mã xác thực không đúng.");
    expect(await t.prisma.loginAttempt.count({ where: { email: user.email } })).toBe(1);
    await agent.get("/admin").expect(303);
    await agent.post("/admin/login/ma").type("form").send({ code: totpCode(secret, clock()), _csrf: codeCsrf }).expect(303);
  });

  it("never accepts the same code twice, even from a second browser within its 30 seconds", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user, secret } = await buildTwoFactorUser(t, clock);
    // The code typed at enrolment is used up: it cannot sign in a moment later.
    const early = await passwordStep(t, user);
    const refused = await early.agent.post("/admin/login/ma").type("form").send({ code: totpCode(secret, clock()), _csrf: early.codeCsrf }).expect(401);
    expect(refused.text).toContain("Mã này đã được dùng.");

    await loginWithCode(t, clock, user, secret);
    const code = totpCode(secret, clock());
    const other = await passwordStep(t, user);
    const res = await other.agent.post("/admin/login/ma").type("form").send({ code, _csrf: other.codeCsrf }).expect(401);
    expect(res.text).toContain("Mã này đã được dùng.");
    await other.agent.get("/admin").expect(303);
  });

  it("accepts a recovery code once (typed in lower case, without dashes), and says how many are left", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user, recoveryCodes } = await buildTwoFactorUser(t, clock);
    const code = recoveryCodes[3]!;
    const first = await passwordStep(t, user);
    await first.agent.post("/admin/login/ma").type("form").send({ code: code.replace(/-/g, "").toLowerCase(), _csrf: first.codeCsrf }).expect(303);
    expect((await first.agent.get("/admin").expect(200)).text).toContain("còn 9 mã chưa dùng");
    expect((await t.prisma.auditLog.findFirstOrThrow({ where: { action: "login", userId: user.id }, orderBy: { id: "desc" } })).detail).toBe("mã khôi phục");
    const second = await passwordStep(t, user);
    await second.agent.post("/admin/login/ma").type("form").send({ code, _csrf: second.codeCsrf }).expect(401);
    await second.agent.get("/admin").expect(303);
  });

  it("throttles the code step like passwords: five wrong codes, then 429 even for the right one", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user, secret } = await buildTwoFactorUser(t, clock);
    clock.advance(30_000);
    const { agent, codeCsrf } = await passwordStep(t, user);
    for (let i = 0; i < 5; i++) {
      await agent.post("/admin/login/ma").type("form").send({ code: `00000${i}`, _csrf: codeCsrf }).expect(401);
    }
    const refused = await agent.post("/admin/login/ma").type("form").send({ code: totpCode(secret, clock()), _csrf: codeCsrf }).expect(429);
    expect(refused.text).toContain("thử lại sau 15 phút");
    // Starting again with the password does not wipe the code failures.
    expect((await submitPassword(t, user)).res.status).toBe(429);
  });

  it("refuses the code step without a CSRF token (403), and without a half-done sign-in (401)", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user, secret } = await buildTwoFactorUser(t, clock);
    clock.advance(30_000);
    const { agent } = await passwordStep(t, user);
    await agent.post("/admin/login/ma").type("form").send({ code: totpCode(secret, clock()) }).expect(403);
    await agent.get("/admin").expect(303);
    const stranger = request.agent(t.app);
    const token = await csrfFrom(stranger, "/admin/login");
    const res = await stranger.post("/admin/login/ma").set("accept", "application/json").send({ code: totpCode(secret, clock()), _csrf: token }).expect(401);
    expect(res.body.error).toBe("Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.");
  });

  it("forgets a half-done sign-in after ten minutes", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user, secret } = await buildTwoFactorUser(t, clock);
    clock.advance(30_000);
    const { agent, codeCsrf } = await passwordStep(t, user);
    clock.advance(11 * 60_000);
    const res = await agent.post("/admin/login/ma").type("form").send({ code: totpCode(secret, clock()), _csrf: codeCsrf }).expect(401);
    expect(res.text).toContain("Phiên đăng nhập đã hết hạn.");
    await agent.get("/admin").expect(303);
  });
});

describe("managing one's own second factor", () => {
  it("switches off only with the right password (a wrong one is counted), and not while required", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user, secret } = await buildTwoFactorUser(t, clock, { role: "editor" });
    const { agent, csrf } = await loginWithCode(t, clock, user, secret);
    const wrong = await agent.post(`${PAGE}/tat`).type("form").send({ _csrf: csrf, password: "khong-phai-mat-khau" }).expect(422);
    expect(wrong.text).toContain("Mật khẩu không đúng.");
    expect(await t.prisma.loginAttempt.count({ where: { email: user.email } })).toBe(1);
    await agent.post(`${PAGE}/tat`).type("form").send({ password: TEST_PASSWORD }).expect(403);

    await t.prisma.siteSettings.update({ where: { id: 1 }, data: { requireTwoFactor: true } });
    const locked = await agent.post(`${PAGE}/tat`).set("accept", "application/json").send({ _csrf: csrf, password: TEST_PASSWORD }).expect(409);
    expect(locked.body.error).toContain("bắt buộc xác thực hai lớp");
    await t.prisma.siteSettings.update({ where: { id: 1 }, data: { requireTwoFactor: false } });

    await agent.post(`${PAGE}/tat`).type("form").send({ _csrf: csrf, password: TEST_PASSWORD }).expect(303).expect("location", PAGE);
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([row.totpSecret, row.totpEnabledAt]).toEqual([null, null]);
    expect(await t.prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await t.prisma.auditLog.count({ where: { action: "account.2fa_disable", userId: user.id } })).toBe(1);
  });

  it("makes ten new recovery codes with the password; the old ones stop working", async () => {
    const clock = start();
    const t = await createTestApp({ clock });
    const { user, secret, recoveryCodes } = await buildTwoFactorUser(t, clock);
    const { agent, csrf } = await loginWithCode(t, clock, user, secret);
    const res = await agent.post(`${PAGE}/ma-khoi-phuc`).set("accept", "application/json").send({ _csrf: csrf, password: TEST_PASSWORD }).expect(200);
    expect(res.body.recoveryCodes).toHaveLength(10);
    const old = await passwordStep(t, user);
    await old.agent.post("/admin/login/ma").type("form").send({ code: recoveryCodes[0], _csrf: old.codeCsrf }).expect(401);
    const fresh = await passwordStep(t, user);
    await fresh.agent.post("/admin/login/ma").type("form").send({ code: res.body.recoveryCodes[0], _csrf: fresh.codeCsrf }).expect(303);
  });
});
