import crypto from "node:crypto";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { articleForm, signedIn, withVersion } from "../../helpers/articles.js";
import { testClock } from "../../helpers/clock.js";
import type { TestApp } from "../../helpers/app.js";
import { isIndexed } from "../../helpers/search-index.js";

// The index follows every write staff make through the admin panel, with no other step.
const clock = testClock("2027-06-01T03:00:00Z"); // 10:00 in Vietnam
let t: TestApp;
let agent: request.Agent;
let csrf: string;

beforeAll(async () => {
  ({ t, agent, csrf } = await signedIn("editor", { clock }));
});

const found = async (q: string) => {
  const res = await request(t.app).get("/tim-kiem").query({ q });
  expect(res.status).toBe(200);
  return [...res.text.matchAll(/<h3 class="result-title"><a href="([^"]+)">/g)].map((m) => m[1]!);
};

async function post(path: string, form: Record<string, unknown>) {
  const res = await agent.post(path).type("form").set("Accept", "application/json").send(form);
  expect(res.status, res.text).toBeLessThan(300);
  return res.body as { id: number; url: string };
}

describe("search follows the admin panel", () => {
  it("create, edit, unpublish, publish, trash, restore and delete", async () => {
    const word = `Ngọcbích${crypto.randomBytes(3).toString("hex")}`;
    const other = `Hoànghôn${crypto.randomBytes(3).toString("hex")}`;
    const { id } = await post("/admin/articles", await articleForm(t, csrf, { title: `Ra mắt ${word}`, status: "published" }));
    const url = (await t.prisma.article.findUniqueOrThrow({ where: { id } })).slug;
    expect(await found(word)).toEqual([`/tin-tuc/${url}`]);

    await post(`/admin/articles/${id}`, await withVersion(t, id, await articleForm(t, csrf, { title: `Đổi tên ${other}`, status: "published" })));
    expect(await found(word)).toEqual([]);
    expect(await found(other)).toHaveLength(1);

    await post(`/admin/articles/${id}`, await withVersion(t, id, await articleForm(t, csrf, { title: `Đổi tên ${other}`, status: "draft" })));
    expect(await found(other)).toEqual([]);

    await post(`/admin/articles/${id}`, await withVersion(t, id, await articleForm(t, csrf, { title: `Đổi tên ${other}`, summary: `Có ${word} trong tóm tắt`, status: "published" })));
    expect(await found(other)).toHaveLength(1);
    expect(await found(word)).toHaveLength(1);

    await post(`/admin/articles/${id}/trash`, { _csrf: csrf });
    expect(await found(other)).toEqual([]);
    await post(`/admin/articles/${id}/restore`, { _csrf: csrf });
    expect(await found(other)).toHaveLength(1);

    await post(`/admin/articles/${id}/trash`, { _csrf: csrf });
    await post(`/admin/articles/${id}/delete`, { _csrf: csrf });
    expect(await found(other)).toEqual([]);
    expect(await isIndexed(t.prisma, id)).toBe(false);
  });

  it("a scheduled article is found from its publication time on", async () => {
    const word = `Hẹngiờ${crypto.randomBytes(3).toString("hex")}`;
    await post("/admin/articles", await articleForm(t, csrf, { title: `Lịch ${word}`, status: "published", publishedAt: "2027-06-01T11:00" }));
    expect(await found(word)).toEqual([]);
    clock.set("2027-06-01T04:00:00Z"); // 11:00 in Vietnam
    expect(await found(word)).toHaveLength(1);
  });
});
