import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { buildArticle } from "../../helpers/factories.js";
import { buildUser, loginAs } from "../../helpers/login.js";

const home = async (app: Parameters<typeof request>[0]) => (await request(app).get("/").set("User-Agent", BROWSER_UA).expect(200)).text;

describe("home page cache", () => {
  it("shows a scheduled ticker article on the home page the moment it goes live, without a restart", async () => {
    const clock = testClock("2026-11-27T01:00:00Z");
    const { app, prisma } = await createTestApp({ clock });
    const scheduled = await buildArticle(prisma, {
      title: "Thông báo lịch tiếp công dân tháng 12",
      publishedAt: new Date("2026-11-27T02:00:00Z"),
      ticker: true,
    });
    expect(await home(app)).not.toContain(scheduled.title);
    clock.set("2026-11-27T01:59:59Z");
    expect(await home(app)).not.toContain(scheduled.title);
    clock.set("2026-11-27T02:00:00Z");
    const html = await home(app);
    expect(html.match(new RegExp(scheduled.title, "g"))?.length).toBeGreaterThanOrEqual(2); // ticker and latest
  });

  it("serves the cached home page within its time to live", async () => {
    const clock = testClock("2026-11-27T01:00:00Z");
    const { app, prisma } = await createTestApp({ clock });
    await home(app);
    const late = await buildArticle(prisma, { title: "Bài ghi thẳng vào cơ sở dữ liệu", publishedAt: new Date("2026-11-27T00:00:00Z") });
    expect(await home(app)).not.toContain(late.title);
    clock.advance(31_000);
    expect(await home(app)).toContain(late.title);
  });
});

describe("cached pages after an editor's change", () => {
  it("show a newly published article on the home, category and author pages at once", async () => {
    const t = await createTestApp();
    const { agent, csrf } = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    const category = await t.prisma.category.findUniqueOrThrow({ where: { slug: "chi-so-cai-cach-hanh-chinh" } });
    const pages = ["/", "/chuyen-muc/chi-so-cai-cach-hanh-chinh", "/tac-gia/trung-hau"];
    for (const path of pages) await request(t.app).get(path).set("User-Agent", BROWSER_UA).expect(200);
    const author = await t.prisma.author.findUniqueOrThrow({ where: { slug: "trung-hau" } });
    await agent
      .post("/admin/articles")
      .set("accept", "application/json")
      .set("x-csrf-token", csrf)
      .send({ title: "Công bố Chỉ số SIPAS năm 2026", summary: "Tóm tắt.", body: "<p>Nội dung.</p>", categoryId: category.id, authorId: author.id, status: "published" })
      .expect(201);
    for (const path of pages) {
      expect((await request(t.app).get(path).set("User-Agent", BROWSER_UA).expect(200)).text, path).toContain("Công bố Chỉ số SIPAS năm 2026");
    }
  });
});
