import { beforeAll, describe, expect, it } from "vitest";
import { articleForm, idFromLocation } from "../../helpers/articles.js";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { htmlChecker } from "../../helpers/html.js";
import { buildUser, loginAs } from "../../helpers/login.js";

// The library as the editor's picker reads it: GET /admin/media?q=&trang=N with Accept:
// application/json answers {items: [{id, fileUrl, caption, alt, credit, width, height}], total}
// (product.md). Photos are inserted as rows (no files needed to list them); the 10,000-photo
// timings are in the bench (bench/picker.ts), not here.
// The article's photos are checkboxes sharing the name photoIds (a repeatable field, the admin contract).
const expectValid = htmlChecker({ "form-dup-name": ["error", { shared: ["radio", "checkbox", "button", "reset", "submit"] }] });
const json = { accept: "application/json" };

let t: TestApp;
let editor: Awaited<ReturnType<typeof loginAs>>;
let seeded: number;

const PLACES = ["Cần Thơ", "Đồng Tháp", "Hậu Giang", "Vĩnh Long"];
const hex = (n: number) => n.toString(16).padStart(24, "0");

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t, await buildUser(t.prisma, { role: "editor" }));
  seeded = await t.prisma.photo.count();
  // 60 photos, one a minute on 1 June 2027: photo n is newer than photo n-1.
  await t.prisma.photo.createMany({
    data: Array.from({ length: 60 }, (_, n) => ({
      fileKey: hex(0xabc000 + n),
      width: 1200,
      height: 800,
      widths: "480,960,1200",
      caption: `Hội nghị số ${n} tại ${PLACES[n % 4]}`,
      alt: n % 10 === 0 ? "Đại biểu biểu quyết" : "",
      credit: n % 3 === 0 ? "Trung Hậu" : "Minh Tâm",
      createdAt: new Date(Date.UTC(2027, 5, 1, 0, n)),
    })),
  });
});

const picker = async (query: string) => {
  const res = await editor.agent.get(`/admin/media${query}`).set(json).expect(200);
  return res.body as { items: { id: number; fileUrl: string; caption: string; alt: string; credit: string; width: number; height: number }[]; total: number };
};
const numbersOf = (items: { caption: string }[]) => items.map((i) => Number(/số (\d+)/.exec(i.caption)?.[1]));

describe("the photo picker's data (GET /admin/media as JSON)", () => {
  it("lists the whole library newest first, 24 a page, with the total and exactly the contract's fields", async () => {
    const first = await picker("");
    expect(first.total).toBe(seeded + 60);
    expect(numbersOf(first.items)).toEqual(Array.from({ length: 24 }, (_, i) => 59 - i));
    const row = await t.prisma.photo.findUniqueOrThrow({ where: { fileKey: hex(0xabc000 + 59) } });
    expect(first.items[0]).toEqual({
      id: row.id,
      fileUrl: `/uploads/${row.fileKey}-960.jpg`,
      caption: "Hội nghị số 59 tại Vĩnh Long",
      alt: "",
      credit: "Minh Tâm",
      width: 1200,
      height: 800,
    });
    const third = await picker("?trang=3");
    expect(third.total).toBe(seeded + 60);
    expect(numbersOf(third.items.slice(0, 12))).toEqual(Array.from({ length: 12 }, (_, i) => 11 - i));
    // The seed's own photos are older than these: they end the last page.
    expect(third.items).toHaveLength(12 + seeded);
  });

  it("searches caption, alt text and credit ignoring case and diacritics, every word, paged", async () => {
    for (const q of ["dong thap", "Đồng Tháp", "ĐỒNG THÁP", "Đồng Tháp".normalize("NFD")]) {
      const found = await picker(`?q=${encodeURIComponent(q)}`);
      expect(found.total, q).toBe(15);
      expect(numbersOf(found.items), q).toEqual(Array.from({ length: 15 }, (_, i) => 57 - i * 4));
    }
    // Alt text and credit count; every word must be found somewhere in the photo's texts.
    expect((await picker("?q=bieu+quyet")).total).toBe(6);
    expect((await picker("?q=trung+hau+can+tho")).total).toBe(5);
    expect((await picker("?q=minh%20tam%20hau%20giang")).total).toBe(10);
    expect((await picker("?q=khong+co+anh+nay")).total).toBe(0);
    // Paging a search: 40 photos credited Minh Tâm, 24 then 16.
    const page2 = await picker("?q=minh+tam&trang=2");
    expect(page2.total).toBe(40);
    expect(page2.items).toHaveLength(16);
    expect(page2.items.every((i) => i.credit === "Minh Tâm")).toBe(true);
    // A page past the end shows the last one.
    expect(numbersOf((await picker("?q=minh+tam&trang=99")).items)).toEqual(numbersOf(page2.items));
  });

  it("sees new, edited and deleted photos at once", async () => {
    await t.prisma.photo.create({ data: { fileKey: hex(0xdef001), width: 640, height: 480, widths: "480,640", caption: "Tiếp công dân ở Ninh Kiều" } });
    expect((await picker("?q=ninh+kieu")).items.map((i) => i.caption)).toEqual(["Tiếp công dân ở Ninh Kiều"]);
    // Newer than all (as an upload is): first. An older date (an import, say): in its place by date.
    const newest = { width: 640, height: 480, widths: "480,640", createdAt: new Date(Date.UTC(2028, 0, 1)) };
    await t.prisma.photo.create({ data: { ...newest, fileKey: hex(0xdef002), caption: "Ảnh mới nhất" } });
    expect((await picker("")).items[0]!.caption).toBe("Ảnh mới nhất");
    await t.prisma.photo.create({ data: { ...newest, fileKey: hex(0xdef003), caption: "Ảnh cũ nhập lại", createdAt: new Date(Date.UTC(2000, 0, 1)) } });
    const last = await picker("?trang=99");
    expect(last.items.at(-1)!.caption).toBe("Ảnh cũ nhập lại");
    expect((await picker("")).items[0]!.caption).toBe("Ảnh mới nhất");
    const photo = await t.prisma.photo.findUniqueOrThrow({ where: { fileKey: hex(0xabc000 + 1) } });
    await editor.agent.post(`/admin/media/${photo.id}`).type("form").send({ _csrf: editor.csrf, caption: "Bộ phận một cửa Cái Răng", alt: "", credit: "" }).expect(303);
    expect((await picker("?q=cai+rang")).items.map((i) => i.id)).toEqual([photo.id]);
    await editor.agent.post(`/admin/media/${photo.id}/delete`).type("form").send({ _csrf: editor.csrf }).expect(303);
    expect((await picker("?q=cai+rang")).total).toBe(0);
  });

  it("refuses a bad page number or an overlong query with 400", async () => {
    await editor.agent.get("/admin/media?trang=abc").set(json).expect(400);
    await editor.agent.get(`/admin/media?q=${"a".repeat(201)}`).set(json).expect(400);
  });
});

describe("the library page and the article form without JavaScript", () => {
  it("searches and pages the library as a plain page, keeping the words in the page links", async () => {
    const res = await editor.agent.get("/admin/media?q=minh+tam").expect(200);
    await expectValid(res.text, "library search");
    expect(res.text).toContain('value="minh tam"');
    expect(res.text).toContain("Ảnh tìm thấy");
    expect(res.text).toContain('href="/admin/media?q=minh%20tam&amp;trang=2"');
    expect(res.text).toMatch(/<dt>Số ảnh:<\/dt><dd>\d+<\/dd>/);
    const none = await editor.agent.get("/admin/media?q=khong+co+anh+nay").expect(200);
    expect(none.text).toContain("Không có ảnh nào khớp với «khong co anh nay».");
  });

  it("shows only the article's photos, in order, with the picker, a link to the library and the number box", async () => {
    const photos = await t.prisma.photo.findMany({ where: { fileKey: { in: [hex(0xabc000 + 10), hex(0xabc000 + 20), hex(0xabc000 + 30)] } }, orderBy: { id: "asc" } });
    const [a, b, c] = photos as [(typeof photos)[0], (typeof photos)[0], (typeof photos)[0]];
    const form = await articleForm(t, editor.csrf, { photoIds: [String(b.id)], photoNumbers: `${c.id}, ${a.id}` });
    const created = await editor.agent.post("/admin/articles").type("form").send(form).expect(303);
    const id = idFromLocation(created.headers.location);
    const stored = await t.prisma.articlePhoto.findMany({ where: { articleId: id }, orderBy: { position: "asc" } });
    // Ticked first, then the typed numbers in the order typed.
    expect(stored.map((p) => p.photoId)).toEqual([b.id, c.id, a.id]);

    const edit = await editor.agent.get(`/admin/articles/${id}/edit`).expect(200);
    await expectValid(edit.text, "article form with its photos and the picker");
    const ticked = [...edit.text.matchAll(/name="photoIds" value="(\d+)" checked/g)].map((m) => Number(m[1]));
    expect(ticked).toEqual([b.id, c.id, a.id]);
    // The library itself is not in the form any more: no other photo is offered there.
    expect(edit.text).not.toContain(`value="${photos[0]!.id + 1}"`);
    expect(edit.text).toContain('href="/admin/media" target="_blank"');
    expect(edit.text).toContain('id="photoNumbers"');
    expect(edit.text).toContain('<dialog class="picker" id="photo-picker"');
    expect(edit.text).toMatch(/\/assets\/js\/photo-picker\.[0-9a-f]{12}\.js/);
  });

  it("refuses photo numbers that are not numbers, or not in the library, keeping what was typed and storing nothing", async () => {
    const before = await t.prisma.article.count();
    const bad = await editor.agent.post("/admin/articles").type("form").send(await articleForm(t, editor.csrf, { title: "Bài có số ảnh sai", photoNumbers: "12, bảy" })).expect(422);
    expect(bad.text).toContain("Số ảnh chỉ gồm chữ số");
    expect(bad.text).toContain('value="12, bảy"');
    expect(bad.text).toContain('value="Bài có số ảnh sai"');
    const missing = await editor.agent.post("/admin/articles").type("form").send(await articleForm(t, editor.csrf, { photoNumbers: "999999" })).expect(422);
    expect(missing.text).toContain("Không có ảnh số 999999 trong thư viện ảnh.");
    expect(await t.prisma.article.count()).toBe(before);
  });
});
