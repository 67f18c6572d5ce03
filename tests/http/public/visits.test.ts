import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";

const BASELINE = 127627;

async function stats(app: Parameters<typeof request>[0]) {
  const res = await request(app).get("/api/visits").expect(200);
  return res.body as { today: number; yesterday: number; thisWeek: number; total: number };
}

describe("visit counter", () => {
  it("counts a new visitor once per 30-minute visit and shows the block on the page", async () => {
    const clock = testClock("2026-11-25T03:00:00Z"); // Wednesday 10:00 in Vietnam
    const { app } = await createTestApp({ clock });
    expect(await stats(app)).toEqual({ today: 0, yesterday: 0, thisWeek: 0, total: BASELINE });

    const agent = request.agent(app);
    const first = await agent.get("/").set("User-Agent", BROWSER_UA).expect(200);
    expect(String(first.headers["set-cookie"])).toMatch(/cchc_visit=1.*Max-Age=1800/);
    expect(first.text).toContain("Lượt truy cập");
    expect(first.text).toContain("127.628");
    for (let i = 0; i < 9; i++) await agent.get("/lien-he").set("User-Agent", BROWSER_UA).expect(200);
    expect((await stats(app)).today).toBe(1);

    await request(app).get("/").set("User-Agent", BROWSER_UA).expect(200); // another browser
    expect(await stats(app)).toEqual({ today: 2, yesterday: 0, thisWeek: 2, total: BASELINE + 2 });
  });

  it("does not count crawlers, assets, uploads, feeds, health checks, the API or 404s", async () => {
    const { app } = await createTestApp();
    for (const ua of ["Googlebot/2.1 (+http://www.google.com/bot.html)", "Mozilla/5.0 (compatible; bingbot/2.0)", "AhrefsSpider", "my-crawler/1.0"]) {
      await request(app).get("/").set("User-Agent", ua).expect(200);
    }
    for (const path of ["/assets/css/site.css", "/robots.txt", "/healthz", "/api/visits", "/khong-co-trang-nay", "/tin-tuc/khong-co"]) {
      await request(app).get(path).set("User-Agent", BROWSER_UA);
    }
    expect((await stats(app)).today).toBe(0);
  });

  it("adds exactly N for N simultaneous new visitors", async () => {
    const { app } = await createTestApp();
    const n = 40;
    await Promise.all(Array.from({ length: n }, () => request(app).get("/").set("User-Agent", BROWSER_UA).expect(200)));
    expect((await stats(app)).today).toBe(n);
  });

  it("rolls today into yesterday at midnight Vietnam time and resets the week on Monday", async () => {
    const clock = testClock("2026-11-29T16:30:00Z"); // Sunday 23:30 in Vietnam
    const { app } = await createTestApp({ clock });
    await request(app).get("/").set("User-Agent", BROWSER_UA).expect(200);
    await request(app).get("/").set("User-Agent", BROWSER_UA).expect(200);
    expect(await stats(app)).toMatchObject({ today: 2, thisWeek: 2 });

    clock.set("2026-11-29T16:59:59Z"); // still Sunday there, though Sunday 17:00 UTC-ish elsewhere
    expect(await stats(app)).toMatchObject({ today: 2, yesterday: 0, thisWeek: 2 });

    clock.set("2026-11-29T17:00:00Z"); // Monday 00:00 in Vietnam
    await request(app).get("/").set("User-Agent", BROWSER_UA).expect(200);
    expect(await stats(app)).toEqual({ today: 1, yesterday: 2, thisWeek: 1, total: BASELINE + 3 });
  });
});
