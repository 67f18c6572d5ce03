import http from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { describe, expect, it, onTestFinished } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { buildUser, TEST_PASSWORD } from "../../helpers/login.js";

// Addresses come from X-Forwarded-For, as behind the reverse proxy (TRUST_PROXY).
const ATTACKER = "203.0.113.66";
const OFFICE = "198.51.100.10";
const HOTEL = "192.0.2.44";

async function throttledApp(slowdownMs = 0) {
  const clock = testClock("2026-11-27T02:00:00Z");
  const t = await createTestApp({ clock, env: { TRUST_PROXY: "true", LOGIN_SLOWDOWN_MS: String(slowdownMs) } });
  return { clock, t };
}

/** One login from an address, with a fresh browser (its own CSRF cookie and token). */
async function loginFrom(t: TestApp, ip: string, email: string, password: string) {
  const agent = request.agent(t.app);
  const page = await agent.get("/admin/login").set("X-Forwarded-For", ip);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  const started = Date.now();
  const res = await agent.post("/admin/login").set("X-Forwarded-For", ip).type("form").send({ email, password, _csrf: token });
  return { status: res.status, text: res.text, ms: Date.now() - started };
}

/** Logins sent at the same moment from one browser at ATTACKER (one listening server: given the app, supertest starts one per request). */
async function allAtOnce(t: TestApp, logins: { email: string; password: string }[]) {
  const server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => void server.close());
  const agent = request.agent(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const token = /name="_csrf" value="([^"]+)"/.exec((await agent.get("/admin/login")).text)![1]!;
  return Promise.all(logins.map((login) => agent.post("/admin/login").set("X-Forwarded-For", ATTACKER).type("form").send({ ...login, _csrf: token })));
}

describe("login throttle", () => {
  it("counts attempts before checking them: of 30 wrong passwords sent at once, exactly 5 are checked", async () => {
    const { t } = await throttledApp();
    const user = await buildUser(t.prisma);
    const answers = await allAtOnce(t, Array.from({ length: 30 }, (_, i) => ({ email: user.email, password: `sai-mat-khau-so-${i}` })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    // Refused attempts checked nothing and are not kept: the five failures are what lasts 15 minutes.
    expect(await t.prisma.loginAttempt.count({ where: { email: user.email } })).toBe(5);
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.text).toContain("thử lại sau 15 phút");
  });

  // Found by the soak run: two sign-ins at once both tried to create the known-address row, and one
  // answered 500.
  it("signs in the same account from one address several times at once", async () => {
    const { t } = await throttledApp();
    const user = await buildUser(t.prisma);
    const answers = await allAtOnce(t, Array.from({ length: 4 }, () => ({ email: user.email, password: TEST_PASSWORD })));
    expect(answers.map((r) => r.status)).toEqual([303, 303, 303, 303]);
    expect(await t.prisma.knownLoginAddress.count({ where: { userId: user.id } })).toBe(1);
  });

  it("lets an attacker lock only their own address; the owner signs in from an address they used before", async () => {
    const { t } = await throttledApp(1500);
    const admin = await buildUser(t.prisma, { role: "admin" });
    expect((await loginFrom(t, OFFICE, admin.email, TEST_PASSWORD)).status).toBe(303);
    for (let i = 0; i < 5; i++) expect((await loginFrom(t, ATTACKER, admin.email, `doan-mo-${i}-lan`)).status).toBe(401);
    // The attacker's address is refused for this account, even with the right password...
    const locked = await loginFrom(t, ATTACKER, admin.email, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.text).toContain("thử lại sau 15 phút");
    // ...while the owner, from the office where they signed in before, is neither refused nor slowed down.
    const owner = await loginFrom(t, OFFICE, admin.email, TEST_PASSWORD);
    expect(owner.status).toBe(303);
    expect(owner.ms).toBeLessThan(1500);
    // Repeating the attack changes nothing for the owner.
    for (let i = 0; i < 3; i++) expect((await loginFrom(t, ATTACKER, admin.email, `lan-nua-${i}`)).status).toBe(429);
    expect((await loginFrom(t, OFFICE, admin.email, TEST_PASSWORD)).status).toBe(303);
  });

  it("slows down, but never refuses, an address new to an account under attack", async () => {
    const { t } = await throttledApp(600);
    const user = await buildUser(t.prisma);
    // Before any failure nobody waits, not even from a new address.
    const before = await loginFrom(t, "192.0.2.45", user.email, TEST_PASSWORD);
    expect(before.status).toBe(303);
    expect(before.ms).toBeLessThan(600);
    for (let i = 0; i < 5; i++) expect((await loginFrom(t, ATTACKER, user.email, `doan-mo-${i}-lan`)).status).toBe(401);
    const traveller = await loginFrom(t, HOTEL, user.email, TEST_PASSWORD);
    expect(traveller.status).toBe(303);
    expect(traveller.ms).toBeGreaterThanOrEqual(600);
    // A wrong password from the new address is slowed too, and answered 401, not 429.
    const typo = await loginFrom(t, ATTACKER.replace("66", "67"), user.email, "go-nham-mat-khau");
    expect(typo.status).toBe(401);
    expect(typo.ms).toBeGreaterThanOrEqual(600);
  });

  it("holds the per-address limit across accounts for attempts sent at once, unknown e-mails included", async () => {
    const { clock, t } = await throttledApp();
    const users = await Promise.all(Array.from({ length: 5 }, () => buildUser(t.prisma)));
    const logins = Array.from({ length: 30 }, (_, i) => ({
      email: i < 20 ? users[i % 5]!.email : `khong-co-${i}@cantho.gov.vn`,
      password: `doan-bua-so-${i}`,
    }));
    const answers = await allAtOnce(t, logins);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(answers.find((r) => r.status === 429)!.text).toContain("Có quá nhiều lần đăng nhập sai từ địa chỉ của bạn. Vui lòng thử lại sau 15 phút.");
    // Only that address: the same accounts open from elsewhere, and from it again once the window has passed.
    expect((await loginFrom(t, HOTEL, users[0]!.email, TEST_PASSWORD)).status).toBe(303);
    clock.advance(14 * 60_000);
    expect((await loginFrom(t, ATTACKER, users[1]!.email, TEST_PASSWORD)).status).toBe(429);
    clock.advance(60_000);
    expect((await loginFrom(t, ATTACKER, users[1]!.email, TEST_PASSWORD)).status).toBe(303);
  });
});
