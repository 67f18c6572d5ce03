import type { ArticleInput } from "../../src/services/article-workflow.js";
import type { Role } from "../../src/services/users.js";
import type { Clock } from "../../src/lib/vi-time.js";
import { createTestApp, type TestApp } from "./app.js";
import { buildUser, loginAs } from "./login.js";

/** A fresh app with one signed-in staff member of the given role. */
export async function signedIn(role: Role, options: { clock?: Clock; env?: Record<string, string> } = {}) {
  const t = await createTestApp(options);
  const user = await buildUser(t.prisma, { role });
  const session = await loginAs(t, user);
  return { t, user, ...session };
}

/** A valid article form as a browser posts it (strings only), for the seed's first category. */
export async function articleForm(t: TestApp, csrf: string, overrides: Record<string, unknown> = {}) {
  const category = await t.prisma.category.findFirstOrThrow({ orderBy: { position: "asc" } });
  return {
    _csrf: csrf,
    title: "Cần Thơ đẩy mạnh dịch vụ công trực tuyến",
    summary: "Thành phố tiếp tục đưa thủ tục hành chính lên mạng.",
    body: "<p>Nội dung bài viết.</p>",
    categoryId: String(category.id),
    departmentId: "",
    authorId: "",
    status: "draft",
    publishedAt: "",
    ...overrides,
  };
}

/** The id in a redirect to an article's edit page. */
export function idFromLocation(location: string | undefined): number {
  const match = /\/admin\/articles\/(\d+)\/edit/.exec(location ?? "");
  if (!match) throw new Error(`not an edit page: ${location}`);
  return Number(match[1]);
}

/**
 * An update as the edit form sends it: the fields plus the version the article is at now (the
 * form carries the version it was opened at; product.md, issue 11).
 */
export async function withVersion(t: TestApp, id: number, fields: Record<string, unknown>) {
  const { version } = await t.prisma.article.findUniqueOrThrow({ where: { id }, select: { version: true } });
  return { ...fields, version: String(version) };
}

/** An article as the services take it (tests that write behind the form), a draft by default. */
export function articleInput(categoryId: number, fields: Partial<ArticleInput> = {}): ArticleInput {
  return {
    title: "Cần Thơ tiếp nhận hồ sơ giấy tại bộ phận một cửa",
    summary: "Người dân nộp hồ sơ tại bộ phận một cửa.",
    body: "<p>Sáng nay, <strong>bộ phận một cửa</strong> tiếp nhận hồ sơ giấy.</p>",
    categoryId,
    status: "draft",
    featured: false,
    ticker: false,
    photoIds: [],
    ...fields,
  };
}
