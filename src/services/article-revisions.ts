import type { Db, PrismaClient } from "../db.js";
import { forbidden, HttpError, notFound } from "../errors.js";
import { formatDate, formatTime, vnDayKey, type Clock } from "../lib/vi-time.js";
import { assertCanEdit, assertNotTrashed, isEditor } from "./article-access.js";
import type { ArticleActor } from "./article-workflow.js";
import { recordAudit } from "./audit.js";
import { sanitizeArticleBody } from "./media-inline.js";
import { reindexArticle } from "./search-index.js";
import type { CurrentUser } from "./users.js";

/**
 * Kept per article: the last REVISIONS_KEPT saves, and before them the newest save of each day
 * (Vietnam time). An article saved 60 times over three days keeps 50 + at most 3 revisions.
 */
export const REVISIONS_KEPT = 50;

export type RevisionKind = "create" | "update" | "restore";
/**
 * What the editor keeps of unsaved typing (src/services/article-autosave.ts): one per article and
 * person, never a version of the article, so left out of the list, the diff, the conflict message
 * and the bound above.
 */
export const AUTOSAVE_KIND = "autosave";
const realRevisions = { kind: { not: AUTOSAVE_KIND } };
export const REVISION_KIND_LABELS: Record<RevisionKind, string> = { create: "Tạo bài", update: "Lưu bài", restore: "Khôi phục" };

/** The article's text as one save left it. */
export interface RevisionContent {
  articleId: number;
  version: number;
  title: string;
  summary: string;
  body: string;
  status: string;
  categoryId: number;
}

/** "HH:mm dd/MM/yyyy" in Vietnam time, as the conflict message and the revision list show it. */
export const revisionStamp = (date: Date) => `${formatTime(date)} ${formatDate(date)}`;

/** The newest revision: who saved the article's current version, and when. */
export function latestRevision(db: Db | PrismaClient, articleId: number) {
  return db.articleRevision.findFirst({ where: { articleId, ...realRevisions }, orderBy: { id: "desc" } });
}

/** The 409 for a save made from an older version, naming who saved the newer one and when. */
async function staleVersion(db: Db, articleId: number, opened: number): Promise<HttpError> {
  const [article, latest] = await Promise.all([
    db.article.findUnique({ where: { id: articleId }, select: { version: true, updatedAt: true } }),
    latestRevision(db, articleId),
  ]);
  if (!article) return notFound("Không tìm thấy bài viết.");
  const who = latest?.userName || "một người khác";
  const when = revisionStamp(latest?.createdAt ?? article.updatedAt);
  const message =
    `Bài viết đã được ${who} lưu lúc ${when} (phiên bản ${article.version}), sau khi bạn mở phiên bản ${opened} để sửa. ` +
    "Nội dung của bạn chưa được lưu, không có gì bị ghi đè.";
  return new HttpError(409, message, { version: message });
}

/**
 * Optimistic locking, atomic with the save: the version moves on only if it is still the one the
 * form was opened at (UPDATE … WHERE id AND version, inside the save's transaction). Of two saves
 * racing from the same version, the second finds no row to update (PostgreSQL re-checks the
 * condition once the first commits; SQLite runs the transactions one after the other) and gets 409.
 */
export async function claimVersion(tx: Db, articleId: number, version: number | undefined): Promise<void> {
  if (version === undefined) {
    const message = "Thiếu phiên bản bài viết (trường version). Hãy tải lại trang sửa bài rồi lưu lại.";
    throw new HttpError(422, message, { version: message });
  }
  const { count } = await tx.article.updateMany({ where: { id: articleId, version }, data: { version: { increment: 1 } } });
  if (count === 0) throw await staleVersion(tx, articleId, version);
}

/** Which revisions the bound drops: all but the newest REVISIONS_KEPT and, before them, the newest of each day. */
export function revisionsToDrop(newestFirst: { id: number; createdAt: Date }[]): number[] {
  const days = new Set<string>();
  const drop: number[] = [];
  newestFirst.forEach((revision, index) => {
    if (index < REVISIONS_KEPT) return;
    const day = vnDayKey(revision.createdAt);
    if (days.has(day)) drop.push(revision.id);
    else days.add(day);
  });
  return drop;
}

/** Keeps one save as a revision, in the save's transaction, and applies the bound (autosaves aside). */
export async function recordRevision(tx: Db, at: Date, user: CurrentUser, kind: RevisionKind, content: RevisionContent): Promise<void> {
  await tx.articleRevision.create({ data: { ...content, kind, userId: user.id, userName: user.name, createdAt: at } });
  const kept = await tx.articleRevision.findMany({
    where: { articleId: content.articleId, ...realRevisions },
    orderBy: { id: "desc" },
    select: { id: true, createdAt: true },
  });
  const drop = revisionsToDrop(kept);
  if (drop.length) await tx.articleRevision.deleteMany({ where: { id: { in: drop } } });
}

/** An author sees the revisions of their own articles only; editors see every article's. */
export async function findViewableArticle(db: Db | PrismaClient, user: CurrentUser, articleId: number) {
  const article = await db.article.findUnique({ where: { id: articleId } });
  if (!article) throw notFound("Không tìm thấy bài viết.");
  if (!isEditor(user) && article.createdById !== user.id) throw forbidden("Bạn chỉ được xem lịch sử sửa đổi của bài viết do chính mình tạo.");
  return article;
}

/** One revision of this article, or 404 (an id from another article is no revision of this one). */
export async function findRevision(db: Db | PrismaClient, articleId: number, revisionId: number) {
  const revision = await db.articleRevision.findFirst({ where: { id: revisionId, articleId, ...realRevisions } });
  if (!revision) throw notFound("Không tìm thấy phiên bản này của bài viết.");
  return revision;
}

export interface RestoredArticle {
  id: number;
  version: number;
  restoredVersion: number;
}

/**
 * An earlier revision's title, summary and body become the article's text again, as a new version
 * and a new revision, audited. Its status, category and photos stay as they are now: restoring text
 * never publishes or unpublishes anything. The same rules as editing apply (an author restores only
 * their own unpublished articles), and the version the page was opened at, as for the form.
 */
export async function restoreRevision(
  prisma: PrismaClient,
  clock: Clock,
  actor: ArticleActor,
  articleId: number,
  revisionId: number,
  version: number | undefined,
): Promise<RestoredArticle> {
  // Whose article it is first: a reporter learns nothing of another's revisions, not even their ids.
  await findViewableArticle(prisma, actor.user, articleId);
  const source = await findRevision(prisma, articleId, revisionId);
  // Sanitised again (outside the transaction): the rules may have changed since it was saved.
  const body = await sanitizeArticleBody(prisma, source.body);
  const now = clock();
  return prisma.$transaction(async (tx) => {
    const article = await findViewableArticle(tx, actor.user, articleId);
    assertCanEdit(actor.user, article);
    assertNotTrashed(article);
    await claimVersion(tx, articleId, version);
    const saved = await tx.article.update({
      where: { id: articleId },
      data: { title: source.title, summary: source.summary, body },
      select: { id: true, version: true, status: true, categoryId: true },
    });
    await reindexArticle(tx, articleId);
    await recordRevision(tx, now, actor.user, "restore", {
      articleId,
      version: saved.version,
      title: source.title,
      summary: source.summary,
      body,
      status: saved.status,
      categoryId: saved.categoryId,
    });
    await recordAudit(tx, {
      userId: actor.user.id,
      action: "article.revision.restore",
      target: `bài viết #${articleId}`,
      detail: `${source.title} (phiên bản ${source.version} lúc ${revisionStamp(source.createdAt)}, thành phiên bản ${saved.version})`,
      ip: actor.ip,
    });
    return { id: articleId, version: saved.version, restoredVersion: source.version };
  });
}
