import type { Db, PrismaClient } from "../db.js";
import { conflict, forbidden, HttpError, notFound } from "../errors.js";
import { slugify, uniqueSlug } from "../lib/slug.js";
import { formatStamp, type Clock } from "../lib/vi-time.js";
import { recordAudit } from "./audit.js";
import { claimVersion, recordRevision } from "./article-revisions.js";
import { sanitizeArticleBody } from "./media-inline.js";
import { reindexArticle } from "./search-index.js";
import { assertCanEdit, assertCanSetStatus, assertNotTrashed, isEditor, type ArticleStatus } from "./article-access.js";
import type { CurrentUser } from "./users.js";

/** One article as the form (or a script) sends it, already parsed and NFC-normalised. */
export interface ArticleInput {
  title: string;
  slug?: string | undefined;
  summary: string;
  body: string;
  categoryId: number;
  departmentId?: number | undefined;
  authorId?: number | undefined;
  status: ArticleStatus;
  publishedAt?: Date | undefined;
  featured: boolean;
  ticker: boolean;
  photoIds: number[];
  /** On updates: the version the form was opened at (required; an older one answers 409). */
  version?: number | undefined;
}

/** Who is acting, for permissions and the audit log. */
export interface ArticleActor {
  user: CurrentUser;
  ip: string;
}

export interface SavedArticle {
  id: number;
  slug: string;
  status: string;
  publishedAt: Date | null;
  version: number;
}

/** A refusal tied to form fields; the message alone (for JSON clients) names them all. */
function fieldError(fields: Record<string, string>): HttpError {
  return new HttpError(422, Object.values(fields).join(" "), fields);
}

async function checkReferences(prisma: Db, input: ArticleInput): Promise<void> {
  const [category, department, author, photos] = await Promise.all([
    prisma.category.findUnique({ where: { id: input.categoryId }, select: { id: true } }),
    input.departmentId ? prisma.department.findUnique({ where: { id: input.departmentId }, select: { id: true } }) : null,
    input.authorId ? prisma.author.findUnique({ where: { id: input.authorId }, select: { id: true } }) : null,
    prisma.photo.findMany({ where: { id: { in: input.photoIds } }, select: { id: true } }),
  ]);
  const fields: Record<string, string> = {};
  if (!category) fields["categoryId"] = "Chuyên mục đã chọn không tồn tại.";
  if (input.departmentId && !department) fields["departmentId"] = "Đơn vị đã chọn không tồn tại.";
  if (input.authorId && !author) fields["authorId"] = "Tác giả đã chọn không tồn tại.";
  const found = new Set(photos.map((p) => p.id));
  const missing = input.photoIds.filter((id) => !found.has(id));
  if (missing.length) fields["photoIds"] = `Không có ảnh số ${missing.join(", ")} trong thư viện ảnh.`;
  if (Object.keys(fields).length) throw fieldError(fields);
}

/** A new article's slug comes from its title; an existing one keeps its slug unless one is asked for. */
async function chooseSlug(prisma: Db, input: ArticleInput, current?: { id: number; slug: string }): Promise<string> {
  const isTaken = async (slug: string) =>
    Boolean(await prisma.article.findFirst({ where: { slug, ...(current ? { id: { not: current.id } } : {}) }, select: { id: true } }));
  if (input.slug === undefined) return current ? current.slug : uniqueSlug(input.title, isTaken);
  const wanted = slugify(input.slug);
  if (!wanted) throw fieldError({ slug: "Đường dẫn phải có ít nhất một chữ cái hoặc chữ số." });
  if (wanted !== current?.slug && (await isTaken(wanted))) {
    throw fieldError({ slug: `Đường dẫn «${wanted}» đã được dùng cho một bài viết khác; hãy chọn đường dẫn khác.` });
  }
  return wanted;
}

/**
 * A given time wins (in the future it schedules the article). Publishing without one means now,
 * except that re-saving an already public article keeps its time, so fixing a typo does not move it
 * to the top of the home page.
 */
function publishTime(input: ArticleInput, now: Date, before?: { status: string; publishedAt: Date | null }): Date | null {
  if (input.publishedAt) return input.publishedAt;
  if (input.status !== "published") return null;
  if (before?.status === "published" && before.publishedAt && before.publishedAt <= now) return before.publishedAt;
  return now;
}

const target = (id: number) => `bài viết #${id}`;

async function auditStatusChange(prisma: Db, actor: ArticleActor, saved: SavedArticle, title: string, before: string | null, now: Date) {
  const wasPublished = before === "published";
  const isPublished = saved.status === "published";
  if (wasPublished === isPublished) return;
  const when = saved.publishedAt && saved.publishedAt > now ? `lên lịch ${formatStamp(saved.publishedAt)}` : "đăng ngay";
  await recordAudit(prisma, {
    userId: actor.user.id,
    action: isPublished ? "article.publish" : "article.unpublish",
    target: target(saved.id),
    detail: isPublished ? `${title} (${when})` : title,
    ip: actor.ip,
  });
}

// The body is sanitised by the caller before its transaction starts (its photos looked up in the
// library, src/services/media-inline.ts): the database waits for no one's HTML.
function articleData(input: ArticleInput, body: string, slug: string, publishedAt: Date | null) {
  return {
    title: input.title,
    slug,
    summary: input.summary,
    body,
    status: input.status,
    publishedAt,
    featured: input.featured,
    ticker: input.ticker,
    categoryId: input.categoryId,
    departmentId: input.departmentId ?? null,
    authorId: input.authorId ?? null,
    photos: { create: input.photoIds.map((photoId, position) => ({ photoId, position })) },
  };
}

const savedSelect = { id: true, slug: true, status: true, publishedAt: true, version: true } as const;

/** The revision a save keeps (src/services/article-revisions.ts), in the same transaction. */
const revisionOf = (saved: SavedArticle, input: ArticleInput, body: string) => ({
  articleId: saved.id,
  version: saved.version,
  title: input.title,
  summary: input.summary,
  body,
  status: input.status,
  categoryId: input.categoryId,
});

/**
 * Every write below is one transaction: the checks, the article with its photo list, its search
 * index row and its audit entry commit together or not at all. Callers clear caches after it returns.
 */
export async function createArticle(prisma: PrismaClient, clock: Clock, actor: ArticleActor, input: ArticleInput): Promise<SavedArticle> {
  assertCanSetStatus(actor.user, input.status);
  const body = await sanitizeArticleBody(prisma, input.body);
  const now = clock();
  return prisma.$transaction(async (tx) => {
    await checkReferences(tx, input);
    const slug = await chooseSlug(tx, input);
    const saved = await tx.article.create({
      data: { ...articleData(input, body, slug, publishTime(input, now)), createdById: actor.user.id },
      select: savedSelect,
    });
    await reindexArticle(tx, saved.id);
    await recordRevision(tx, now, actor.user, "create", revisionOf(saved, input, body));
    await auditStatusChange(tx, actor, saved, input.title, null, now);
    return saved;
  });
}

export async function findArticle(prisma: Db, id: number) {
  const article = await prisma.article.findUnique({ where: { id } });
  if (!article) throw notFound("Không tìm thấy bài viết.");
  return article;
}

export async function updateArticle(prisma: PrismaClient, clock: Clock, actor: ArticleActor, id: number, input: ArticleInput): Promise<SavedArticle> {
  const body = await sanitizeArticleBody(prisma, input.body);
  const now = clock();
  return prisma.$transaction(async (tx) => {
    const before = await findArticle(tx, id);
    assertCanEdit(actor.user, before);
    assertNotTrashed(before);
    assertCanSetStatus(actor.user, input.status);
    // First write of the transaction: a stale or racing save stops here with 409.
    await claimVersion(tx, id, input.version);
    await checkReferences(tx, input);
    const slug = await chooseSlug(tx, input, before);
    // The photo list is replaced as a whole, in the order given.
    await tx.articlePhoto.deleteMany({ where: { articleId: id } });
    const saved = await tx.article.update({ where: { id }, data: articleData(input, body, slug, publishTime(input, now, before)), select: savedSelect });
    await reindexArticle(tx, id);
    await recordRevision(tx, now, actor.user, "update", revisionOf(saved, input, body));
    await auditStatusChange(tx, actor, saved, input.title, before.status, now);
    return saved;
  });
}

/** Out of public view at once, kept until someone empties it from the trash. */
export async function trashArticle(prisma: PrismaClient, clock: Clock, actor: ArticleActor, id: number) {
  return prisma.$transaction(async (tx) => {
    const article = await findArticle(tx, id);
    assertCanEdit(actor.user, article);
    if (article.deletedAt) return article;
    const saved = await tx.article.update({ where: { id }, data: { deletedAt: clock() } });
    await reindexArticle(tx, id);
    await recordAudit(tx, { userId: actor.user.id, action: "article.trash", target: target(id), detail: article.title, ip: actor.ip });
    return saved;
  });
}

/** Back exactly as it was before the trash: a published article is public again. */
export async function restoreArticle(prisma: PrismaClient, actor: ArticleActor, id: number) {
  return prisma.$transaction(async (tx) => {
    const article = await findArticle(tx, id);
    assertCanEdit(actor.user, article);
    if (!article.deletedAt) return article;
    const saved = await tx.article.update({ where: { id }, data: { deletedAt: null } });
    await reindexArticle(tx, id);
    await recordAudit(tx, { userId: actor.user.id, action: "article.restore", target: target(id), detail: article.title, ip: actor.ip });
    return saved;
  });
}

/** Permanent, so only editors, and only from the trash: nothing is deleted in one click. */
export async function deleteArticle(prisma: PrismaClient, actor: ArticleActor, id: number): Promise<void> {
  if (!isEditor(actor.user)) throw forbidden("Chỉ biên tập viên hoặc quản trị viên mới được xoá vĩnh viễn bài viết.");
  await prisma.$transaction(async (tx) => {
    const article = await findArticle(tx, id);
    if (!article.deletedAt) throw conflict("Chỉ xoá vĩnh viễn được bài viết đã nằm trong thùng rác. Hãy chuyển bài vào thùng rác trước.");
    // Its photo links go with it (ON DELETE CASCADE); the photos stay in the library.
    await tx.article.delete({ where: { id } });
    await reindexArticle(tx, id);
    await recordAudit(tx, { userId: actor.user.id, action: "article.delete", target: target(id), detail: article.title, ip: actor.ip });
  });
}
