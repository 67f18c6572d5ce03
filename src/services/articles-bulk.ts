import type { PrismaClient } from "../db.js";
import { HttpError, invalid } from "../errors.js";
import type { Clock } from "../lib/vi-time.js";
import { assertCanEdit, assertCanSetStatus, assertNotTrashed, isEditor, type ArticleStatus } from "./article-access.js";
import { findArticle, trashArticle, updateArticle, type ArticleActor, type ArticleInput } from "./article-workflow.js";
import { recordAudit } from "./audit.js";

export const BULK_ACTIONS = ["publish", "unpublish", "trash", "category"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
/** Articles one request may change: a list page holds 20, so 100 is five pages ticked by a script. */
export const BULK_MAX = 100;

export interface BulkRequest {
  action: BulkAction;
  /** Distinct ids, in the order given. */
  ids: number[];
  /** The category to move to, for "category". */
  categoryId?: number | undefined;
}

export interface BulkRefusal {
  id: number;
  /** Null when this user may not even see the article (an author naming someone else's): no title leaks. */
  title: string | null;
  status: number;
  error: string;
}

export interface BulkOutcome {
  action: BulkAction;
  /** Every article now in the asked state, including those that already were. */
  done: number[];
  /** The part of done that needed no change (nothing written, nothing audited). */
  unchanged: number[];
  /** The part of done published with a time still to come: scheduled, not yet public. */
  scheduled: number[];
  refused: BulkRefusal[];
  category: { id: number; name: string } | null;
}

type Before = {
  id: number;
  title: string;
  status: string;
  categoryId: number;
  category: { name: string };
  createdById: number | null;
  deletedAt: Date | null;
};

const target = (id: number) => `bài viết #${id}`;

/** The article as its edit form would send it back: every field as stored, the slug kept. */
async function currentInput(prisma: PrismaClient, id: number): Promise<ArticleInput> {
  const row = await findArticle(prisma, id);
  const photos = await prisma.articlePhoto.findMany({ where: { articleId: id }, orderBy: { position: "asc" }, select: { photoId: true } });
  return {
    title: row.title,
    summary: row.summary,
    body: row.body,
    categoryId: row.categoryId,
    departmentId: row.departmentId ?? undefined,
    authorId: row.authorId ?? undefined,
    status: row.status as ArticleStatus,
    publishedAt: row.publishedAt ?? undefined,
    featured: row.featured,
    ticker: row.ticker,
    photoIds: photos.map((p) => p.photoId),
    // The version just read: a save by someone else in between refuses this article (409), never overwritten.
    version: row.version,
  };
}

/** Whether the article is already as asked; the same permission rules as a change apply to it. */
function alreadyDone(actor: ArticleActor, request: BulkRequest, before: Before): boolean {
  const same =
    request.action === "trash"
      ? before.deletedAt !== null
      : request.action === "publish"
        ? before.status === "published"
        : request.action === "unpublish"
          ? before.status === "draft"
          : before.categoryId === request.categoryId;
  if (!same || request.action === "trash") return same;
  assertCanEdit(actor.user, before);
  assertNotTrashed(before);
  if (request.action === "publish") assertCanSetStatus(actor.user, "published");
  return true;
}

type Change = "done" | "unchanged" | "scheduled";

/**
 * One article, through the same service function as the single action (trashArticle, or
 * updateArticle as the edit form saves it): its own transaction with its search row and, for
 * status changes, its audit entry. A bulk change the single path does not audit (a move to another
 * category, a pending article sent back to draft) is audited right after its commit.
 */
async function applyOne(prisma: PrismaClient, clock: Clock, actor: ArticleActor, request: BulkRequest, before: Before, categoryName: string | null): Promise<Change> {
  if (request.action === "trash") {
    await trashArticle(prisma, clock, actor, before.id);
    return before.deletedAt ? "unchanged" : "done";
  }
  if (alreadyDone(actor, request, before)) return "unchanged";
  const input = await currentInput(prisma, before.id);
  if (request.action === "category") input.categoryId = request.categoryId!;
  else input.status = request.action === "publish" ? "published" : "draft";
  const saved = await updateArticle(prisma, clock, actor, before.id, input);
  const audit = { userId: actor.user.id, target: target(before.id), ip: actor.ip };
  if (request.action === "category") {
    await recordAudit(prisma, { ...audit, action: "article.move", detail: `${before.title}: ${before.category.name} → ${categoryName}` });
  } else if (request.action === "unpublish" && before.status === "pending") {
    await recordAudit(prisma, { ...audit, action: "article.to_draft", detail: before.title });
  }
  return saved.status === "published" && saved.publishedAt && saved.publishedAt > clock() ? "scheduled" : "done";
}

/**
 * Applies one action to several articles, each checked and changed on its own: a refused article
 * (not allowed, not found, in the trash) is listed with the reason and the others still happen.
 * Bad input (an unknown category) is refused before anything changes. Callers clear caches after.
 */
export async function applyBulkAction(prisma: PrismaClient, clock: Clock, actor: ArticleActor, request: BulkRequest): Promise<BulkOutcome> {
  let category: BulkOutcome["category"] = null;
  if (request.action === "category") {
    category = request.categoryId ? await prisma.category.findUnique({ where: { id: request.categoryId }, select: { id: true, name: true } }) : null;
    if (!category) throw invalid({ categoryId: "Chuyên mục đã chọn không tồn tại." });
  }
  if (request.ids.length === 0 || request.ids.length > BULK_MAX) throw invalid({ ids: `Hãy chọn từ 1 đến ${BULK_MAX} bài viết.` });

  const rows = await prisma.article.findMany({
    where: { id: { in: request.ids } },
    select: { id: true, title: true, status: true, categoryId: true, category: { select: { name: true } }, createdById: true, deletedAt: true },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const outcome: BulkOutcome = { action: request.action, done: [], unchanged: [], scheduled: [], refused: [], category };
  for (const id of request.ids) {
    const before = byId.get(id);
    try {
      if (!before) throw new HttpError(404, "Không tìm thấy bài viết.");
      const change = await applyOne(prisma, clock, actor, request, before, category?.name ?? null);
      outcome.done.push(id);
      if (change !== "done") outcome[change].push(id);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const visible = before && (isEditor(actor.user) || before.createdById === actor.user.id);
      outcome.refused.push({ id, title: visible ? before.title : null, status: error.status, error: error.message });
    }
  }
  return outcome;
}
