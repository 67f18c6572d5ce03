import { describe, expect, it } from "vitest";
import { articleForm, idFromLocation, withVersion } from "../../helpers/articles.js";
import { createTestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser, loginAs } from "../../helpers/login.js";

// The photo picker's checkboxes share the name `photoIds` (the admin contract), as radios do.
const expectValid = htmlChecker({ "form-dup-name": ["error", { shared: ["radio", "checkbox", "button", "reset", "submit"] }] });

/** Two editors of one newsroom, on one app whose clock the test moves. */
async function newsroom() {
  // 10:05 on 2 December 2026 in Vietnam.
  const clock = testClock("2026-12-02T03:05:00Z");
  const t = await createTestApp({ clock });
  const an = await loginAs(t, await buildUser(t.prisma, { role: "editor", name: "Nguyễn Văn An" }));
  const binh = await loginAs(t, await buildUser(t.prisma, { role: "editor", name: "Trần Thị Bình" }));
  return { t, clock, an, binh };
}

const json = { accept: "application/json" };

describe("no lost edits: the version the form was opened at", () => {
  it("refuses a save from an older version with 409: nothing saved, who and when named, the typed text kept, the diff shown", async () => {
    const { t, clock, an, binh } = await newsroom();
    const form = await articleForm(t, an.csrf, { title: "Cần Thơ rút ngắn thời gian giải quyết hồ sơ", body: "<p>Đoạn mở đầu của bài.</p>" });
    const created = await an.agent.post("/admin/articles").type("form").send(form).expect(303);
    const id = idFromLocation(created.headers.location);

    // Both open the edit form at version 1.
    const opened = await an.agent.get(`/admin/articles/${id}/edit`).expect(200);
    expect(opened.text).toContain('name="version" value="1"');
    await binh.agent.get(`/admin/articles/${id}/edit`).expect(200);

    // Bình saves first, at 10:20 Vietnam time.
    clock.set("2026-12-02T03:20:00Z");
    await binh.agent
      .post(`/admin/articles/${id}`)
      .type("form")
      .send({ ...form, _csrf: binh.csrf, title: "Cần Thơ rút ngắn thời gian xử lý hồ sơ", version: "1" })
      .expect(303);

    // An saves from version 1: refused, and nothing of An's is stored.
    clock.set("2026-12-02T03:25:00Z");
    const typed = { ...form, title: "Cần Thơ giảm một nửa thời gian giải quyết hồ sơ", body: "<p>Đoạn mở đầu của bài.</p><p>Đoạn An viết thêm.</p>", version: "1" };
    const refused = await an.agent.post(`/admin/articles/${id}`).type("form").send(typed).expect(409);
    expect(refused.text).toContain("Trần Thị Bình");
    expect(refused.text).toContain("10:20 02/12/2026");
    // What An typed is still in the form.
    expect(refused.text).toContain('value="Cần Thơ giảm một nửa thời gian giải quyết hồ sơ"');
    expect(refused.text).toContain("Đoạn An viết thêm.");
    // The diff from Bình's saved version to what An typed, word by word.
    expect(refused.text).toMatch(/<del>xử lý<\/del>/);
    expect(refused.text).toMatch(/<ins>giảm một nửa<\/ins>/);
    expect(refused.text).toMatch(/<ins>Đoạn An viết thêm\.<\/ins>/);
    // Saving again now (after reading the diff) is a deliberate choice: the form carries version 2.
    expect(refused.text).toContain('name="version" value="2"');
    await expectValid(refused.text, "the form refused with 409");

    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ title: "Cần Thơ rút ngắn thời gian xử lý hồ sơ", version: 2 });
    expect(stored.body).not.toContain("Đoạn An viết thêm");
    expect(await t.prisma.articleRevision.count({ where: { articleId: id } })).toBe(2);

    // Scripts get 409 {"error"} with the same facts.
    const script = await an.agent.post(`/admin/articles/${id}`).set(json).send({ ...typed, _csrf: an.csrf }).expect(409);
    expect(script.body.error).toContain("Trần Thị Bình");
    expect(script.body.error).toContain("10:20 02/12/2026");
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id } })).version).toBe(2);

    // From version 2, An's save goes through.
    await an.agent.post(`/admin/articles/${id}`).type("form").send({ ...typed, version: "2" }).expect(303);
    expect(await t.prisma.article.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: typed.title, version: 3 });
  });

  it("refuses an update without a version with 422, for the form and for scripts, and saves nothing", async () => {
    const { t, an } = await newsroom();
    const form = await articleForm(t, an.csrf, { title: "Bài chưa có phiên bản" });
    const id = idFromLocation((await an.agent.post("/admin/articles").type("form").send(form).expect(303)).headers.location);
    const page = await an.agent.post(`/admin/articles/${id}`).type("form").send({ ...form, title: "Sửa mà không có phiên bản" }).expect(422);
    expect(page.text).toContain("Thiếu phiên bản bài viết");
    expect(page.text).toContain('value="Sửa mà không có phiên bản"');
    const script = await an.agent.post(`/admin/articles/${id}`).set(json).send({ ...form, title: "Sửa mà không có phiên bản" }).expect(422);
    expect(script.body.error).toContain("Thiếu phiên bản bài viết");
    await an.agent.post(`/admin/articles/${id}`).set(json).send({ ...form, version: "abc" }).expect(422);
    expect(await t.prisma.article.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: "Bài chưa có phiên bản", version: 1 });
  });

  it("of saves racing from the same version exactly one wins; the others get 409 and change nothing", async () => {
    const { t, an, binh } = await newsroom();
    const form = await articleForm(t, an.csrf, { title: "Bài được sửa cùng lúc" });
    const id = idFromLocation((await an.agent.post("/admin/articles").type("form").send(form).expect(303)).headers.location);
    const saves = ["An 1", "Bình 1", "An 2", "Bình 2"].map((who, i) => {
      const { agent, csrf } = i % 2 ? binh : an;
      return agent.post(`/admin/articles/${id}`).set(json).send({ ...form, _csrf: csrf, title: `Bản của ${who}`, version: 1 });
    });
    const answers = await Promise.all(saves);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 200)!;
    expect(winner.body.version).toBe(2);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id } });
    expect(stored.version).toBe(2);
    const revisions = await t.prisma.articleRevision.findMany({ where: { articleId: id }, orderBy: { id: "asc" } });
    expect(revisions.map((r) => r.version)).toEqual([1, 2]);
    expect(revisions[1]!.title).toBe(stored.title);

    // The next save, from version 2, is fine.
    await an.agent.post(`/admin/articles/${id}`).type("form").send(await withVersion(t, id, { ...form, title: "Bản cuối" })).expect(303);
  });
});
