import { describe, expect, it } from "vitest";
import { articleForm, idFromLocation, withVersion } from "../../helpers/articles.js";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser, loginAs } from "../../helpers/login.js";

const expectValid = htmlChecker();

type Session = Awaited<ReturnType<typeof loginAs>>;
const json = { accept: "application/json" };

async function staff(t: TestApp, role: "editor" | "author", name: string) {
  return loginAs(t, await buildUser(t.prisma, { role, name }));
}

/** Writes an article through the form as `who`; returns its id. */
async function write(t: TestApp, who: Session, fields: Record<string, unknown> = {}) {
  const res = await who.agent.post("/admin/articles").type("form").send(await articleForm(t, who.csrf, fields)).expect(303);
  return idFromLocation(res.headers.location);
}

/** Saves the article again through the form, from its current version. */
async function save(t: TestApp, who: Session, id: number, fields: Record<string, unknown>) {
  return who.agent.post(`/admin/articles/${id}`).type("form").send(await withVersion(t, id, await articleForm(t, who.csrf, fields)));
}

const revisionsOf = (t: TestApp, articleId: number) => t.prisma.articleRevision.findMany({ where: { articleId }, orderBy: { id: "asc" } });

describe("revisions of an article", () => {
  it("keeps one on every save (create, update, a status change), listed newest first with who and when", async () => {
    const clock = testClock("2026-12-02T02:00:00Z");
    const t = await createTestApp({ clock });
    const chau = await staff(t, "editor", "Lê Minh Châu");
    const id = await write(t, chau, { title: "Bản đầu tiên" });
    clock.set("2026-12-02T02:30:00Z");
    await save(t, chau, id, { title: "Bản thứ hai" }).then((r) => expect(r.status).toBe(303));
    clock.set("2026-12-02T03:15:00Z");
    await save(t, chau, id, { title: "Bản thứ hai", status: "pending" }).then((r) => expect(r.status).toBe(303));

    const revisions = await revisionsOf(t, id);
    expect(revisions.map((r) => [r.version, r.kind, r.title, r.status, r.userName])).toEqual([
      [1, "create", "Bản đầu tiên", "draft", "Lê Minh Châu"],
      [2, "update", "Bản thứ hai", "draft", "Lê Minh Châu"],
      [3, "update", "Bản thứ hai", "pending", "Lê Minh Châu"],
    ]);

    const edit = await chau.agent.get(`/admin/articles/${id}/edit`).expect(200);
    expect(edit.text).toContain(`href="/admin/articles/${id}/revisions"`);
    const list = await chau.agent.get(`/admin/articles/${id}/revisions`).expect(200);
    expect(list.text).toContain("Lê Minh Châu");
    // Vietnam time, newest first.
    const [newest, middle, oldest] = ["10:15 02/12/2026", "09:30 02/12/2026", "09:00 02/12/2026"].map((s) => list.text.indexOf(s));
    expect(newest).toBeGreaterThan(0);
    expect(newest).toBeLessThan(middle!);
    expect(middle).toBeLessThan(oldest!);
  });

  it("keeps the last 50 and, before them, the newest of each day", async () => {
    const clock = testClock("2026-11-01T01:00:00Z"); // 08:00 on 1 November in Vietnam
    const t = await createTestApp({ clock });
    const user = await buildUser(t.prisma, { role: "editor" });
    let editor = await loginAs(t, user);
    const form = await articleForm(t, editor.csrf, { title: "Lần lưu 1" });
    const created = await editor.agent.post("/admin/articles").set(json).send(form).expect(201);
    const id = created.body.id as number;
    let version = created.body.version as number;
    // Versions 1-5 on 1 November, 6-10 on 2 November, 11-60 on 3 November (Vietnam days).
    for (let n = 2; n <= 60; n += 1) {
      const day = n <= 5 ? "01" : n <= 10 ? "02" : "03";
      clock.set(`2026-11-${day}T01:00:00Z`);
      clock.advance(n * 60_000);
      // A day later the session has expired: sign in again, as a person would.
      if (n === 6 || n === 11) editor = await loginAs(t, user);
      const res = await editor.agent.post(`/admin/articles/${id}`).set(json).send({ ...form, _csrf: editor.csrf, title: `Lần lưu ${n}`, version });
      expect(res.status, `${n}: ${res.text}`).toBe(200);
      version = res.body.version;
    }
    expect(version).toBe(60);
    const kept = (await revisionsOf(t, id)).map((r) => r.version);
    expect(kept).toEqual([5, 10, ...Array.from({ length: 50 }, (_, i) => i + 11)]);
  });

  it("shows a word-level diff of title, summary and body between any two, the body as text", async () => {
    const t = await createTestApp();
    const editor = await staff(t, "editor", "Biên tập viên");
    const id = await write(t, editor, {
      title: "Cần Thơ tiếp nhận hồ sơ giấy",
      summary: "Tóm tắt cũ.",
      body: "<p>Người dân nộp hồ sơ tại <strong>bộ phận một cửa</strong>.</p>",
    });
    await save(t, editor, id, {
      title: "Cần Thơ tiếp nhận hồ sơ trực tuyến",
      summary: "Tóm tắt cũ.",
      body: "<p>Người dân nộp hồ sơ trực tuyến tại <strong>bộ phận một cửa</strong>.</p><p>Đoạn mới thêm.</p>",
    });
    const [first, second] = await revisionsOf(t, id);
    const list = await editor.agent.get(`/admin/articles/${id}/revisions`).expect(200);
    expect(list.text).toContain(`/admin/articles/${id}/revisions/compare?from=${first!.id}&amp;to=${second!.id}`);
    await expectValid(list.text, "revision list");

    const page = await editor.agent.get(`/admin/articles/${id}/revisions/compare?from=${first!.id}&to=${second!.id}`).expect(200);
    expect(page.text).toContain("<del>giấy</del><ins>trực tuyến</ins>");
    expect(page.text).toContain("hồ sơ <ins>trực tuyến</ins> tại bộ phận một cửa.");
    expect(page.text).toContain("<ins>Đoạn mới thêm.</ins>");
    // Compared as text: no markup inside the diff, and the legend says what the marks mean in words.
    const body = page.text.slice(page.text.lastIndexOf('<div class="diff-text">'));
    expect(body.slice(0, body.indexOf("</div>"))).not.toMatch(/strong|&lt;p/);
    expect(page.text).toContain("gạch ngang");
    await expectValid(page.text, "revision diff");

    // The other way round, the new words are the deleted ones.
    const back = await editor.agent.get(`/admin/articles/${id}/revisions/compare?from=${second!.id}&to=${first!.id}`).expect(200);
    expect(back.text).toContain("<del>trực tuyến</del><ins>giấy</ins>");

    await editor.agent.get(`/admin/articles/${id}/revisions/compare?from=${first!.id}`).expect(400);
    const other = await write(t, editor, { title: "Bài khác" });
    const [foreign] = await revisionsOf(t, other);
    await editor.agent.get(`/admin/articles/${id}/revisions/compare?from=${foreign!.id}&to=${second!.id}`).expect(404);
  });

  it("restores one as a new revision, audited; the token and the version are required", async () => {
    const t = await createTestApp();
    const editor = await staff(t, "editor", "Phạm Thu Hà");
    const id = await write(t, editor, { title: "Tiêu đề gốc", body: "<p>Nội dung gốc.</p>" });
    await save(t, editor, id, { title: "Tiêu đề sửa nhầm", body: "<p>Nội dung sửa nhầm.</p>", status: "published" });
    const [original] = await revisionsOf(t, id);
    const restore = `/admin/articles/${id}/revisions/${original!.id}/restore`;

    // No CSRF token: refused, nothing changed.
    await editor.agent.post(restore).type("form").send({ version: "2" }).expect(403);
    // From an older version of the page: 409, nothing changed.
    await editor.agent.post(restore).type("form").send({ _csrf: editor.csrf, version: "1" }).expect(409);
    await editor.agent.post(restore).set(json).send({ _csrf: editor.csrf }).expect(422);
    expect(await t.prisma.article.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: "Tiêu đề sửa nhầm", version: 2 });

    const res = await editor.agent.post(restore).type("form").send({ _csrf: editor.csrf, version: "2" }).expect(303);
    expect(res.headers.location).toBe(`/admin/articles/${id}/revisions`);
    const stored = await t.prisma.article.findUniqueOrThrow({ where: { id } });
    // The text comes back; the status stays as it is now.
    expect(stored).toMatchObject({ title: "Tiêu đề gốc", body: "<p>Nội dung gốc.</p>", status: "published", version: 3 });
    const revisions = await revisionsOf(t, id);
    expect(revisions.map((r) => [r.version, r.kind])).toEqual([
      [1, "create"],
      [2, "update"],
      [3, "restore"],
    ]);
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "article.revision.restore" } });
    expect(audit.target).toBe(`bài viết #${id}`);
    expect(audit.detail).toContain("Tiêu đề gốc");
    const list = await editor.agent.get(res.headers.location!).expect(200);
    expect(list.text).toContain("Đã khôi phục nội dung của phiên bản 1");
  });

  it("an author sees and restores the revisions of their own articles only", async () => {
    const t = await createTestApp();
    const mine = await staff(t, "author", "Phóng viên Một");
    const theirs = await staff(t, "author", "Phóng viên Hai");
    const own = await write(t, mine, { title: "Bài của tôi" });
    await save(t, mine, own, { title: "Bài của tôi, sửa lại" });
    const other = await write(t, theirs, { title: "Bài của đồng nghiệp" });
    await save(t, theirs, other, { title: "Bài của đồng nghiệp, sửa lại" });
    const [ownFirst] = await revisionsOf(t, own);
    const [otherFirst, otherSecond] = await revisionsOf(t, other);

    await mine.agent.get(`/admin/articles/${other}/revisions`).expect(403);
    await mine.agent.get(`/admin/articles/${other}/revisions/compare?from=${otherFirst!.id}&to=${otherSecond!.id}`).expect(403);
    await mine.agent.post(`/admin/articles/${other}/revisions/${otherFirst!.id}/restore`).type("form").send({ _csrf: mine.csrf, version: "2" }).expect(403);
    // A revision of someone else's article is no revision of one's own.
    await mine.agent.post(`/admin/articles/${own}/revisions/${otherFirst!.id}/restore`).type("form").send({ _csrf: mine.csrf, version: "2" }).expect(404);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: other } })).title).toBe("Bài của đồng nghiệp, sửa lại");

    const list = await mine.agent.get(`/admin/articles/${own}/revisions`).expect(200);
    expect(list.text).not.toContain("Bài của đồng nghiệp");
    await mine.agent.post(`/admin/articles/${own}/revisions/${ownFirst!.id}/restore`).type("form").send({ _csrf: mine.csrf, version: "2" }).expect(303);
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id: own } })).title).toBe("Bài của tôi");

    // Once an editor has published it, the author still sees its history but may not restore.
    await t.prisma.article.update({ where: { id: own }, data: { status: "published", publishedAt: new Date() } });
    const published = await mine.agent.get(`/admin/articles/${own}/revisions`).expect(200);
    expect(published.text).not.toContain("/restore");
    await mine.agent.post(`/admin/articles/${own}/revisions/${ownFirst!.id}/restore`).type("form").send({ _csrf: mine.csrf, version: "3" }).expect(403);
  });
});
