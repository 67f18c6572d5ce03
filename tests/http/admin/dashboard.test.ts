import request from "supertest";
import { describe, expect, it } from "vitest";
import { BROWSER_UA, createTestApp, type TestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { buildArticle } from "../../helpers/factories.js";
import { buildUser, loginAs } from "../../helpers/login.js";

const NOW = "2026-11-27T03:00:00Z"; // 10:00 on 27/11/2026 in Vietnam
const DAY = 24 * 60 * 60 * 1000;

function statCounts(html: string): Record<string, number> {
  return Object.fromEntries([...html.matchAll(/class="stat-card stat-(\w+)"[^>]*><span class="stat-count">(\d+)</g)].map((m) => [m[1]!, Number(m[2])]));
}

/** The hidden table of the chart: day → count. */
function chartTable(html: string): Map<string, number> {
  const table = /<table id="visit-table">([\s\S]*?)<\/table>/.exec(html)![1]!;
  return new Map([...table.matchAll(/<th scope="row">([^<]+)<\/th><td>(\d+)<\/td>/g)].map((m) => [m[1]!, Number(m[2])]));
}

async function visit(t: TestApp, times: number) {
  for (let i = 0; i < times; i++) await request(t.app).get("/").set("user-agent", BROWSER_UA).expect(200);
}

describe("dashboard", () => {
  it("counts articles by status, scheduled being published with a future date", async () => {
    const clock = testClock(NOW);
    const t = await createTestApp({ clock });
    const editor = await buildUser(t.prisma, { role: "editor" });
    const { agent } = await loginAs(t, editor);
    const before = statCounts((await agent.get("/admin").expect(200)).text);
    expect(Object.keys(before)).toEqual(["draft", "pending", "published", "scheduled", "trash"]);

    const now = clock().getTime();
    await buildArticle(t.prisma, { status: "draft", publishedAt: null });
    await buildArticle(t.prisma, { status: "draft", publishedAt: null });
    await buildArticle(t.prisma, { status: "pending", publishedAt: null });
    await buildArticle(t.prisma, { status: "published", publishedAt: new Date(now - DAY) });
    await buildArticle(t.prisma, { status: "published", publishedAt: new Date(now + DAY) });
    await buildArticle(t.prisma, { status: "published", publishedAt: new Date(now - DAY), deletedAt: new Date(now) });

    const after = statCounts((await agent.get("/admin").expect(200)).text);
    expect({
      draft: after.draft! - before.draft!,
      pending: after.pending! - before.pending!,
      published: after.published! - before.published!,
      scheduled: after.scheduled! - before.scheduled!,
      trash: after.trash! - before.trash!,
    }).toEqual({ draft: 2, pending: 1, published: 1, scheduled: 1, trash: 1 });

    // When the scheduled time passes, it counts as published (two days on, the editor signs in again).
    clock.advance(2 * DAY);
    await agent.get("/admin").expect(303);
    const { agent: again } = await loginAs(t, editor);
    const later = statCounts((await again.get("/admin").expect(200)).text);
    expect(later.scheduled).toBe(before.scheduled);
    expect(later.published).toBe(before.published! + 2);
  });

  it("shows an author their own articles only", async () => {
    const clock = testClock(NOW);
    const t = await createTestApp({ clock });
    const author = await buildUser(t.prisma, { role: "author" });
    await buildArticle(t.prisma, { status: "draft", publishedAt: null, createdById: author.id, title: "Nháp của tôi" });
    await buildArticle(t.prisma, { status: "pending", publishedAt: null, createdById: author.id, title: "Chờ duyệt của tôi" });
    await buildArticle(t.prisma, { status: "draft", publishedAt: null, title: "Nháp của người khác" });
    const { agent } = await loginAs(t, author);
    const res = await agent.get("/admin").expect(200);
    expect(res.text).toContain("Bài viết của bạn");
    expect(statCounts(res.text)).toEqual({ draft: 1, pending: 1, published: 0, scheduled: 0, trash: 0 });
    expect(res.text).toContain("Nháp của tôi");
    expect(res.text).not.toContain("Nháp của người khác");
    expect(res.text).not.toContain("góp ý mới");
  });

  it("lists the 10 most recently updated articles with links to edit them, trash left out", async () => {
    const clock = testClock(NOW);
    const t = await createTestApp({ clock });
    const base = Date.parse("2030-01-01T00:00:00Z");
    const built = [];
    for (let i = 0; i < 12; i++) {
      const a = await buildArticle(t.prisma, { title: `Bài mới sửa số ${i}` });
      built.push(await t.prisma.article.update({ where: { id: a.id }, data: { updatedAt: new Date(base + i * 60_000) } }));
    }
    const trashed = await buildArticle(t.prisma, { title: "Bài trong thùng rác", deletedAt: new Date() });
    await t.prisma.article.update({ where: { id: trashed.id }, data: { updatedAt: new Date(base + DAY) } });
    const { agent } = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    const res = await agent.get("/admin").expect(200);
    const titles = [...res.text.matchAll(/<a href="\/admin\/articles\/(\d+)\/edit">([^<]+)<\/a>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(titles).toEqual(built.slice(2).reverse().map((a) => [a.id, a.title]));
  });

  it("draws the last 30 days of visits as an accessible SVG with the figures in a table", async () => {
    const clock = testClock("2026-11-26T16:30:00Z"); // 23:30 on 26/11 in Vietnam
    const t = await createTestApp({ clock });
    await visit(t, 1);
    clock.set("2026-11-26T17:30:00Z"); // 00:30 on 27/11: a new day in Vietnam
    await visit(t, 3);
    clock.set("2026-11-24T03:00:00Z");
    await visit(t, 2);
    clock.set("2026-10-28T03:00:00Z"); // 30 days before 27/11: just outside the chart
    await visit(t, 5);
    clock.set(NOW);

    const { agent } = await loginAs(t, await buildUser(t.prisma, { role: "admin" }));
    const res = await agent.get("/admin").expect(200);
    const table = chartTable(res.text);
    expect(table.size).toBe(30);
    expect([...table.keys()][0]).toBe("29/10/2026");
    expect([...table.keys()][29]).toBe("27/11/2026");
    expect(table.get("27/11/2026")).toBe(3);
    expect(table.get("26/11/2026")).toBe(1);
    expect(table.get("24/11/2026")).toBe(2);
    expect([...table.values()].reduce((a, b) => a + b, 0)).toBe(6);
    expect(res.text).toContain("Tổng cộng <strong>6</strong> lượt; nhiều nhất 3 lượt ngày 27/11/2026.");

    expect(res.text).toMatch(/<svg class="visit-chart"[^>]*role="img"[^>]*aria-labelledby="visit-chart-title visit-chart-desc"/);
    expect(res.text).toContain('<title id="visit-chart-title">Biểu đồ cột: lượt truy cập mỗi ngày, từ 29/10/2026 đến 27/11/2026</title>');
    // Gridlines at 0..4 (a step of 1); the plot is 212 units tall, so 3 visits are 159 units high.
    expect(res.text).toMatch(/<rect class="chart-bar" x="[\d.]+" y="65" width="[\d.]+" height="159" data-day="2026-11-27"><title>27\/11\/2026: 3 lượt<\/title>/);
    expect(res.text).toMatch(/height="53" data-day="2026-11-26"/);
    expect(res.text).toMatch(/height="0" data-day="2026-11-25"/);
    expect(res.text).not.toMatch(/\sstyle=/);
  });

  it("tells editors about new feedback", async () => {
    const t = await createTestApp();
    await t.prisma.feedbackMessage.create({ data: { name: "Dân", email: "dan@example.com", subject: "Hỏi", message: "Xin hỏi về thủ tục." } });
    const { agent } = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
    const res = await agent.get("/admin").expect(200);
    expect(res.text).toContain('<a href="/admin/feedback?status=new">Có 1 góp ý mới</a>');
  });
});
