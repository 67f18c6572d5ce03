import type { PrismaClient } from "../db.js";
import { diffWords, hasChanges, htmlToParagraphs, type DiffPart } from "../lib/text-diff.js";
import type { Clock } from "../lib/vi-time.js";
import { isEditor, statusBadge, STATUS_LABELS, type ArticleStatus } from "./article-access.js";
import { AUTOSAVE_KIND, findRevision, findViewableArticle, latestRevision, REVISION_KIND_LABELS, revisionStamp, type RevisionKind } from "./article-revisions.js";
import type { CurrentUser } from "./users.js";

/** What the revision pages say about the article itself. */
export interface RevisionArticle {
  id: number;
  title: string;
  version: number;
  statusLabel: string;
  /** Whether this user may restore a revision now (the editing rules; never from the trash). */
  canRestore: boolean;
}

export interface RevisionRow {
  id: number;
  version: number;
  userName: string;
  stamp: string;
  iso: string;
  kindLabel: string;
  statusLabel: string;
  /** The article's text is this revision's (the newest one). */
  current: boolean;
}

/** Title, summary and body compared word by word; the body as paragraphs of text, never markup. */
export interface ArticleDiff {
  title: DiffPart[];
  summary: DiffPart[];
  body: DiffPart[];
  changed: boolean;
}

interface Text {
  title: string;
  summary: string;
  body: string;
}

export function diffArticleText(older: Text, newer: Text): ArticleDiff {
  const title = diffWords(older.title, newer.title);
  const summary = diffWords(older.summary, newer.summary);
  const body = diffWords(htmlToParagraphs(older.body), htmlToParagraphs(newer.body));
  return { title, summary, body, changed: hasChanges(title) || hasChanges(summary) || hasChanges(body) };
}

async function revisionArticle(prisma: PrismaClient, clock: Clock, user: CurrentUser, articleId: number): Promise<RevisionArticle> {
  const article = await findViewableArticle(prisma, user, articleId);
  const canEdit = isEditor(user) || (article.createdById === user.id && article.status !== "published");
  return {
    id: article.id,
    title: article.title,
    version: article.version,
    statusLabel: statusBadge(article, clock()).statusLabel,
    canRestore: canEdit && !article.deletedAt,
  };
}

const statusLabel = (status: string) => STATUS_LABELS[status as ArticleStatus] ?? status;

/** The article's kept revisions, newest first, for GET /admin/articles/:id/revisions. */
export async function listRevisions(prisma: PrismaClient, clock: Clock, user: CurrentUser, articleId: number) {
  const article = await revisionArticle(prisma, clock, user, articleId);
  const rows = await prisma.articleRevision.findMany({
    where: { articleId, kind: { not: AUTOSAVE_KIND } },
    orderBy: { id: "desc" },
    select: { id: true, version: true, userName: true, createdAt: true, kind: true, status: true },
  });
  const revisions: RevisionRow[] = rows.map((row, index) => ({
    id: row.id,
    version: row.version,
    userName: row.userName || "Không rõ",
    stamp: revisionStamp(row.createdAt),
    iso: row.createdAt.toISOString(),
    kindLabel: REVISION_KIND_LABELS[row.kind as RevisionKind] ?? row.kind,
    statusLabel: statusLabel(row.status),
    current: index === 0 && row.version === article.version,
  }));
  return { article, revisions };
}

/** Two revisions of one article side by side as a word-level diff, from the older to the newer. */
export async function compareRevisions(prisma: PrismaClient, clock: Clock, user: CurrentUser, articleId: number, fromId: number, toId: number) {
  const article = await revisionArticle(prisma, clock, user, articleId);
  const [from, to] = await Promise.all([findRevision(prisma, articleId, fromId), findRevision(prisma, articleId, toId)]);
  const describe = (r: typeof from) => ({ id: r.id, version: r.version, userName: r.userName || "Không rõ", stamp: revisionStamp(r.createdAt) });
  return { article, from: describe(from), to: describe(to), diff: diffArticleText(from, to) };
}

export interface ConflictView {
  savedBy: string;
  stamp: string;
  version: number;
  /** From the newer saved version to what the person typed. */
  diff: ArticleDiff;
}

/** For the form shown again with 409: who saved the newer version, when, and how it differs from what was typed. */
export async function conflictView(prisma: PrismaClient, articleId: number, typed: Text): Promise<ConflictView | undefined> {
  const [article, latest] = await Promise.all([prisma.article.findUnique({ where: { id: articleId } }), latestRevision(prisma, articleId)]);
  if (!article) return undefined;
  return {
    savedBy: latest?.userName || "một người khác",
    stamp: revisionStamp(latest?.createdAt ?? article.updatedAt),
    version: article.version,
    diff: diffArticleText(article, typed),
  };
}
