import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.js";
import { createLogger } from "../../../src/logger.js";
import { createTestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { buildUser, loginAs, TEST_PASSWORD } from "../../helpers/login.js";

// A page that needs a session and reads little: for tests that make many requests.
const LIGHT_PAGE = "/admin/tai-khoan/mat-khau";

describe("staff sessions", () => {
  it("end after the idle timeout (60 minutes by default) and stay alive while the person works", async () => {
    const clock = testClock("2026-11-27T02:00:00Z");
    const t = await createTestApp({ clock });
    const { agent } = await loginAs(t, await buildUser(t.prisma));
    clock.advance(59 * 60_000);
    await agent.get("/admin").expect(200);
    clock.advance(59 * 60_000); // 118 minutes after login, but only 59 since the last request
    await agent.get("/admin").expect(200);
    clock.advance(61 * 60_000);
    await agent.get("/admin").expect(303).expect("location", "/admin/login?next=%2Fadmin");
    await agent.get("/admin").expect(303);
  });

  it("end 12 hours after sign-in (SESSION_MAX_HOURS) however active the person is", async () => {
    const clock = testClock("2026-11-27T02:00:00Z");
    const t = await createTestApp({ clock });
    const { agent } = await loginAs(t, await buildUser(t.prisma));
    // A request every ten minutes keeps the idle timeout away for 11 h 50 min...
    for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
      clock.advance(10 * 60_000);
      await agent.get(LIGHT_PAGE).expect(200);
    }
    // ...but at 12 hours the session ends all the same, and stays ended.
    clock.advance(10 * 60_000);
    await agent.get(LIGHT_PAGE).expect(303).expect("location", `/admin/login?next=${encodeURIComponent(LIGHT_PAGE)}`);
    await agent.get("/admin").expect(303);
    expect(await t.prisma.session.count({ where: { userId: { not: null } } })).toBe(0);
  });

  it("follow SESSION_MAX_HOURS, and a password change does not make a session live longer", async () => {
    const clock = testClock("2026-11-27T02:00:00Z");
    const t = await createTestApp({ clock, env: { SESSION_MAX_HOURS: "2" } });
    const user = await buildUser(t.prisma);
    const { agent, csrf } = await loginAs(t, user);
    clock.advance(50 * 60_000);
    const newPassword = "Ben-Ninh-Kieu-buoi-chieu";
    await agent.post("/admin/tai-khoan/mat-khau").type("form").send({ _csrf: csrf, currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword }).expect(303);
    clock.advance(50 * 60_000);
    await agent.get(LIGHT_PAGE).expect(200);
    clock.advance(20 * 60_000); // two hours after the sign-in, 70 minutes after the password change
    await agent.get(LIGHT_PAGE).expect(303);
  });

  it("are stored in the database, so they survive a restart of the app", async () => {
    const t = await createTestApp();
    const user = await buildUser(t.prisma, { name: "Cán bộ trực ca" });
    const { agent } = await loginAs(t, user);
    const cookie = (await agent.get("/admin").expect(200)).request.cookies;
    expect(await t.prisma.session.count({ where: { userId: user.id } })).toBe(1);

    // A second app on the same database stands for the restarted process (or another instance).
    const restarted = createApp({ config: t.config, prisma: t.prisma, logger: createLogger(t.config) });
    const res = await request(restarted).get("/admin").set("Cookie", cookie).expect(200);
    expect(res.text).toContain("Cán bộ trực ca");
  });
});
