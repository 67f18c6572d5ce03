import bcrypt from "bcrypt";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../helpers/app.js";
import { buildUser, csrfFrom, loginAs, TEST_PASSWORD } from "../../helpers/login.js";
import { testClock } from "../../helpers/clock.js";

describe("admin login", () => {
  it("shows a plain form with email, password and _csrf", async () => {
    const { app } = await createTestApp();
    const res = await request(app).get("/admin/login").expect(200);
    expect(res.text).toMatch(/<html lang="vi"/);
    expect(res.text).toMatch(/name="email"/);
    expect(res.text).toMatch(/name="password"/);
    expect(res.text).toMatch(/type="hidden" name="_csrf" value="[^"]+"/);
  });

  it("signs in with a new session id and signs out on the server", async () => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma, { role: "editor" });
    const agent = request.agent(t.app);
    await agent.get("/admin").expect(303).expect("location", "/admin/login?next=%2Fadmin");
    const token = await csrfFrom(agent, "/admin/login");
    const res = await agent.post("/admin/login").type("form").send({ email: user.email, password: TEST_PASSWORD, _csrf: token }).expect(303);
    expect(res.headers.location).toBe("/admin");
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/cchc\.sid=.*HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const sid = /cchc\.sid=([^;]+)/.exec(cookie)![1]!;
    await agent.get("/admin").expect(200);

    const logoutToken = await csrfFrom(agent, "/admin");
    await agent.post("/admin/logout").type("form").send({ _csrf: logoutToken }).expect(303);
    // The old cookie, replayed, is worthless: the session is gone from the database.
    await request(t.app).get("/admin").set("Cookie", `cchc.sid=${sid}`).expect(303);
    expect(await t.prisma.session.count()).toBe(0);
  });

  it("re-shows the form with a message on a wrong password", async () => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma);
    const agent = request.agent(t.app);
    const token = await csrfFrom(agent, "/admin/login");
    const res = await agent.post("/admin/login").type("form").send({ email: user.email, password: "sai-mat-khau-roi", _csrf: token }).expect(401);
    expect(res.text).toContain("Thư điện tử hoặc mật khẩu không đúng.");
  });

  it("refuses a login without a CSRF token", async () => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma);
    const res = await request(t.app).post("/admin/login").type("form").send({ email: user.email, password: TEST_PASSWORD }).expect(403);
    expect(res.text).toContain("Vui lòng tải lại trang");
  });

  it("answers 429 in Vietnamese after too many failures for one account", async () => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma);
    const agent = request.agent(t.app);
    const token = await csrfFrom(agent, "/admin/login");
    for (let i = 0; i < 5; i++) {
      await agent.post("/admin/login").type("form").send({ email: user.email, password: `sai-${i}-mat-khau`, _csrf: token }).expect(401);
    }
    const res = await agent.post("/admin/login").type("form").send({ email: user.email, password: TEST_PASSWORD, _csrf: token }).expect(429);
    expect(res.text).toMatch(/thử lại sau \d+ phút/);
  });

  it("lets the account in again once the 15-minute window has passed, as the message promised", async () => {
    const clock = testClock("2026-11-27T02:00:00Z");
    const t = await createTestApp({ clock });
    const user = await buildUser(t.prisma);
    const agent = request.agent(t.app);
    const token = await csrfFrom(agent, "/admin/login");
    const attempt = (password: string) => agent.post("/admin/login").type("form").send({ email: user.email, password, _csrf: token });
    for (let i = 0; i < 5; i++) await attempt(`sai-${i}-mat-khau`).expect(401);
    const refused = await attempt(TEST_PASSWORD).expect(429);
    expect(refused.text).toContain("thử lại sau 15 phút");
    clock.advance(14 * 60_000);
    expect((await attempt(TEST_PASSWORD).expect(429)).text).toContain("thử lại sau 1 phút");
    clock.advance(60_000);
    await attempt(TEST_PASSWORD).expect(303);
  });

  it("marks every cookie Secure behind a trusted HTTPS proxy, and only then", async () => {
    const t = await createTestApp({ env: { TRUST_PROXY: "1" } });
    const user = await buildUser(t.prisma);
    // The test client speaks plain HTTP to the app, so it would hold back Secure cookies: pass them by hand,
    // as the browser on the HTTPS side of the proxy does.
    const page = await request(t.app).get("/admin/login").set("X-Forwarded-Proto", "https").expect(200);
    const setCookies = ([] as string[]).concat(page.headers["set-cookie"] ?? []);
    expect(setCookies.join("\n")).toMatch(/__Host-cchc\.csrf=[^;]+;.*Secure/);
    const cookie = setCookies.map((c) => c.split(";")[0]).join("; ");
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const res = await request(t.app)
      .post("/admin/login")
      .set("X-Forwarded-Proto", "https")
      .set("Cookie", cookie)
      .type("form")
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: token })
      .expect(303);
    expect(String(res.headers["set-cookie"])).toMatch(/cchc\.sid=[^;]+;.*HttpOnly; Secure; SameSite=Lax/);

    const plain = await request(t.app).get("/admin/login").expect(200);
    expect(String(plain.headers["set-cookie"])).not.toMatch(/Secure/);
  });

  it.each([
    ["ASCII", "x".repeat(72)],
    ["Vietnamese", "Mùa nước nổi ở đồng bằng sông Cửu Long năm nay về sớm hơn"], // 57 letters, 79 bytes
  ])("refuses the wrong one of two long %s passwords that share their first 72 bytes", async (_label, prefix) => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma, { password: `${prefix} dung-roi` });
    const attempt = async (password: string) => {
      const agent = request.agent(t.app);
      const token = await csrfFrom(agent, "/admin/login");
      return (await agent.post("/admin/login").type("form").send({ email: user.email, password, _csrf: token })).status;
    };
    expect(Buffer.byteLength(prefix)).toBeGreaterThanOrEqual(72);
    expect(await attempt(`${prefix} sai-roi!`)).toBe(401);
    expect(await attempt(`${prefix} dung-roi`)).toBe(303);
  });

  it("replaces a hash from before the 72-byte fix at the next successful sign-in", async () => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma);
    // A plain bcrypt hash, as every account had before.
    await t.prisma.user.update({ where: { id: user.id }, data: { passwordHash: await bcrypt.hash(TEST_PASSWORD, 4) } });
    await loginAs(t, user);
    const { passwordHash } = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(passwordHash).toMatch(/^\$hmac-sha256\$\$2b\$04\$/);
    await loginAs(t, user);
  });

  it("lets loginAs reach the dashboard", async () => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma, { role: "admin" });
    const { agent } = await loginAs(t, user);
    const res = await agent.get("/admin").expect(200);
    expect(res.text).toContain(user.name);
  });
});
