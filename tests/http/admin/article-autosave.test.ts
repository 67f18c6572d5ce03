import request from "supertest";
import { describe, expect, it } from "vitest";
import { articleForm, idFromLocation, withVersion } from "../../helpers/articles.js";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { testClock } from "../../helpers/clock.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser, loginAs } from "../../helpers/login.js";

const expectValid = htmlChecker({ "form-dup-name": ["error", { shared: ["radio", "checkbox", "button", "reset", "submit"] }] });
const json = { accept: "application/json" };
type Session = Awaited<ReturnType<typeof loginAs>>;

async function staff(t: TestApp, role: "editor" | "author", name: string) {
  return loginAs(t, await buildUser(t.prisma, { role, name }));
}

async function write(t: TestApp, who: Session, fields: Record<string, unknown> = {}) {
  const res = await who.agent.post("/admin/articles").type("form").send(await articleForm(t, who.csrf, fields)).expect(303);
  return idFromLocation(res.headers.location);
}

/** What the form's script sends: the text and the version the form was opened at. */
const autosave = (who: Session, id: number, fields: Record<string, unknown>) =>
  who.agent.post(`/admin/articles/${id}/autosave`).set(json).set("x-csrf-token", who.csrf).type("form").send(fields);

const autosavesOf = (t: TestApp, articleId: number) => t.prisma.articleRevision.findMany({ where: { articleId, kind: "autosave" }, orderBy: { id: "asc" } });
const realOf = (t: TestApp, articleId: number) => t.prisma.articleRevision.findMany({ where: { articleId, kind: { not: "autosave" } }, orderBy: { id: "asc" } });

describe("autosave of the edit form", () => {
  it("keeps the typing as an autosave revision, never changing the article, its status, version or public page", async () => {
    const clock = testClock("2026-12-02T02:00:00Z");
    const t = await createTestApp({ clock });
    const chau = await staff(t, "editor", "Lê Minh Châu");
    const id = await write(t, chau, { title: "Bài đã đăng", body: "<p>Bản đã đăng.</p>", status: "published" });
    const before = await t.prisma.article.findUniqueOrThrow({ where: { id } });
    const page = await request(t.app).get(`/tin-tuc/${before.slug}`).expect(200);

    clock.set("2026-12-02T02:05:00Z"); // 09:05 in Vietnam
    const res = await autosave(chau, id, { title: "Bài đang sửa", summary: "Tóm tắt mới", body: "<p>Đang gõ dở<script>x()</script></p>", version: "1" }).expect(200);
    expect(res.body).toEqual({ time: "09:05", savedAt: "2026-12-02T02:05:00.000Z", stale: false });

    const after = await t.prisma.article.findUniqueOrThrow({ where: { id } });
    expect(after).toEqual(before);
    const [kept] = await autosavesOf(t, id);
    expect(kept).toMatchObject({ title: "Bài đang sửa", summary: "Tóm tắt mới", body: "<p>Đang gõ dở</p>", version: 1, userName: "Lê Minh Châu", status: "published" });
    // The public page is the one it was; nothing is audited for an autosave.
    await t.changed();
    expect((await request(t.app).get(`/tin-tuc/${before.slug}`).expect(200)).text).toBe(page.text);
    expect(await t.prisma.auditLog.count({ where: { target: `bài viết #${id}`, action: { contains: "autosave" } } })).toBe(0);
    // Not a version: the revision list shows the create only.
    const list = await chau.agent.get(`/admin/articles/${id}/revisions`).expect(200);
    expect(list.text).not.toContain("Bài đang sửa");
    expect((await realOf(t, id)).map((r) => r.kind)).toEqual(["create"]);
  });

  it("keeps one autosave per article and person, and autosaves never push real revisions out of the bound", async () => {
    const clock = testClock("2026-12-02T02:00:00Z");
    const t = await createTestApp({ clock });
    const an = await staff(t, "editor", "Nguyễn Văn An");
    const binh = await staff(t, "editor", "Trần Thị Bình");
    const id = await write(t, an);
    for (const n of [1, 2, 3]) {
      clock.advance(30_000);
      await autosave(an, id, { title: `An gõ lần ${n}`, body: "", version: "1" }).expect(200);
    }
    await autosave(binh, id, { title: "Bình gõ", body: "", version: "1" }).expect(200);
    expect((await autosavesOf(t, id)).map((r) => r.title)).toEqual(["An gõ lần 3", "Bình gõ"]);

    // 60 real saves (many more than the bound of 50) with autosaves between them: the bound counts real revisions only.
    const form = await articleForm(t, an.csrf);
    for (let n = 2; n <= 60; n += 1) {
      clock.advance(60_000);
      const saved = await an.agent.post(`/admin/articles/${id}`).set(json).send({ ...form, title: `Lần lưu ${n}`, version: n - 1 }).expect(200);
      expect(saved.body.version).toBe(n);
      if (n % 10 === 0) await autosave(binh, id, { title: `Bình gõ ${n}`, body: "", version: String(n) }).expect(200);
    }
    // The last 50 real saves and the newest of the earlier ones of the day (src/services/article-revisions.ts).
    expect((await realOf(t, id)).map((r) => r.version)).toEqual([10, ...Array.from({ length: 50 }, (_, i) => i + 11)]);
    expect((await autosavesOf(t, id)).map((r) => r.title)).toEqual(["An gõ lần 3", "Bình gõ 60"]);
  });

  it("offers the unsaved typing when the form is opened again, restores it into the form without saving, and forgets it once saved", async () => {
    const clock = testClock("2026-12-02T02:00:00Z");
    const t = await createTestApp({ clock });
    const an = await staff(t, "editor", "Nguyễn Văn An");
    const id = await write(t, an, { title: "Bản đã lưu", body: "<p>Đã lưu.</p>" });
    const plain = await an.agent.get(`/admin/articles/${id}/edit`).expect(200);
    expect(plain.text).not.toContain("Khôi phục bản lưu tự động");
    expect(plain.text).toContain(`data-autosave-url="/admin/articles/${id}/autosave"`);
    expect(plain.text).toMatch(/class="autosave-status hint" role="status"/);

    clock.set("2026-12-02T02:41:00Z"); // 09:41 in Vietnam
    await autosave(an, id, { title: "Bản gõ dở", summary: "", body: "<p>Gõ dở.</p>", version: "1" }).expect(200);
    const offered = await an.agent.get(`/admin/articles/${id}/edit`).expect(200);
    await expectValid(offered.text, "edit form with the autosave offer");
    expect(offered.text).toContain(`href="/admin/articles/${id}/edit?khoi-phuc=ban-luu-tu-dong">Khôi phục bản lưu tự động lúc 09:41</a>`);
    // The form still shows what is saved until the person chooses.
    expect(offered.text).toContain('value="Bản đã lưu"');

    const restored = await an.agent.get(`/admin/articles/${id}/edit?khoi-phuc=ban-luu-tu-dong`).expect(200);
    await expectValid(restored.text, "edit form restored from the autosave");
    expect(restored.text).toContain("Đã khôi phục bản lưu tự động lúc 09:41");
    expect(restored.text).toContain('value="Bản gõ dở"');
    expect(restored.text).toContain("&lt;p&gt;Gõ dở.&lt;/p&gt;");
    expect(restored.text).toContain('name="version" value="1"');
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id } })).title).toBe("Bản đã lưu");

    // Saved for real: the offer is gone (the autosave is older than the person's last save).
    clock.advance(60_000);
    await an.agent.post(`/admin/articles/${id}`).type("form").send(await withVersion(t, id, await articleForm(t, an.csrf, { title: "Bản gõ dở" }))).expect(303);
    expect((await an.agent.get(`/admin/articles/${id}/edit`).expect(200)).text).not.toContain("Khôi phục bản lưu tự động");
    // Someone else is not offered An's typing.
    const binh = await staff(t, "editor", "Trần Thị Bình");
    clock.advance(60_000);
    await autosave(an, id, { title: "Gõ tiếp", body: "", version: "2" }).expect(200);
    expect((await binh.agent.get(`/admin/articles/${id}/edit`).expect(200)).text).not.toContain("Khôi phục bản lưu tự động");

    // Dismissed: the autosave goes.
    await an.agent.post(`/admin/articles/${id}/autosave/discard`).type("form").send({ _csrf: an.csrf }).expect(303);
    expect(await autosavesOf(t, id)).toEqual([]);
    expect((await an.agent.get(`/admin/articles/${id}/edit`).expect(200)).text).not.toContain("Khôi phục bản lưu tự động");
  });

  it("keeps the typing over someone's newer version (stale), and the restored form then meets the 409 with the diff", async () => {
    const clock = testClock("2026-12-02T02:00:00Z");
    const t = await createTestApp({ clock });
    const an = await staff(t, "editor", "Nguyễn Văn An");
    const binh = await staff(t, "editor", "Trần Thị Bình");
    const id = await write(t, an, { title: "Bản đầu" });
    clock.set("2026-12-02T02:10:00Z");
    await binh.agent.post(`/admin/articles/${id}`).type("form").send(await withVersion(t, id, await articleForm(t, binh.csrf, { title: "Bản của Bình" }))).expect(303);
    clock.set("2026-12-02T02:12:00Z");
    const res = await autosave(an, id, { title: "Bản của An", body: "<p>An gõ.</p>", version: "1" }).expect(200);
    expect(res.body).toMatchObject({ time: "09:12", stale: true, savedBy: "Trần Thị Bình (lúc 09:10 02/12/2026)" });

    // Offered although Bình saved after it: An never saved this typing.
    const restored = await an.agent.get(`/admin/articles/${id}/edit?khoi-phuc=ban-luu-tu-dong`).expect(200);
    expect(restored.text).toContain('name="version" value="1"');
    const form = { ...(await articleForm(t, an.csrf, { title: "Bản của An", body: "<p>An gõ.</p>" })), version: "1" };
    const refused = await an.agent.post(`/admin/articles/${id}`).type("form").send(form).expect(409);
    expect(refused.text).toContain("Trần Thị Bình");
    expect(refused.text).toContain('value="Bản của An"');
    expect((await t.prisma.article.findUniqueOrThrow({ where: { id } })).title).toBe("Bản của Bình");
    // The conflict names the real save, not An's autosave made after it.
    expect(refused.text).not.toMatch(/đã được Nguyễn Văn An lưu/);
  });

  it("checks like saving: CSRF, the author's own unpublished articles only, not in the trash; a beacon's form is enough", async () => {
    const t = await createTestApp();
    const editor = await staff(t, "editor", "Biên tập viên");
    const author = await staff(t, "author", "Phóng viên");
    const other = await staff(t, "author", "Phóng viên khác");
    const mine = await write(t, author, { title: "Bài của phóng viên" });
    const published = await write(t, editor, { title: "Bài đã đăng", status: "published" });

    // What navigator.sendBeacon sends: a urlencoded form with the token inside, no Accept header.
    const beacon = await author.agent.post(`/admin/articles/${mine}/autosave`).type("form").send({ _csrf: author.csrf, title: "Gõ khi rời trang", summary: "", body: "", version: "1" });
    expect(beacon.status).toBe(200);
    expect((await autosavesOf(t, mine)).map((r) => r.title)).toEqual(["Gõ khi rời trang"]);

    await author.agent.post(`/admin/articles/${mine}/autosave`).type("form").send({ title: "x", version: "1" }).expect(403);
    await autosave(other, mine, { title: "Không phải bài của tôi", version: "1" }).expect(403);
    await autosave(author, published, { title: "Bài đã đăng của người khác", version: "1" }).expect(403);
    await autosave(author, 999_999, { title: "x", version: "1" }).expect(404);
    const missing = await autosave(author, mine, { title: "x" }).expect(422);
    expect(missing.body.error).toContain("Phiên bản bài viết không hợp lệ");
    await editor.agent.post(`/admin/articles/${mine}/trash`).type("form").send({ _csrf: editor.csrf }).expect(303);
    await autosave(author, mine, { title: "Trong thùng rác", version: "1" }).expect(409);
    expect((await autosavesOf(t, mine)).map((r) => r.title)).toEqual(["Gõ khi rời trang"]);
    expect(await autosavesOf(t, published)).toEqual([]);
  });
});
