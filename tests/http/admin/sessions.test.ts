import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.js";
import { createLogger } from "../../../src/logger.js";
import { createTestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { buildUser, loginAs } from "../../helpers/login.js";

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
