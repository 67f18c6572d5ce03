import type { PrismaClient } from "../db.js";
import { formatTime, type Clock } from "../lib/vi-time.js";
import { assertCanEdit, assertNotTrashed } from "./article-access.js";
import { AUTOSAVE_KIND, latestRevision, revisionStamp } from "./article-revisions.js";
import { findArticle } from "./article-workflow.js";
import { sanitizeArticleBody } from "./media-inline.js";
import type { CurrentUser } from "./users.js";

// Autosave (issue 11): while an existing article is being edited, the form's text is kept on the
// server every 30 seconds of changes and when the page is left (public/js/article-autosave.js), so
// a closed tab or a crash loses at most half a minute of typing.
// - What: title, summary and body (the typing; choices such as status, category, photos and the
//   publishing time are not kept), as an ArticleRevision of kind "autosave" with the version the
//   form was opened at. The article itself (its text, status, version, search entry, public pages)
//   is never touched: an autosave publishes nothing and is not audited (it changes nothing anyone
//   else sees, and would fill the log every 30 seconds).
// - Bound: one autosave per article and person, replaced by the next; autosaves are left out of
//   the revision list, the diff, the conflict message and the bound of real revisions.
// - A version moved on by someone else is no refusal here: what was typed is kept all the same
//   (`stale` says so, and who saved), and the real save then answers 409 with the diff.
// - New articles: autosave starts once the article has been saved once (it has no id before; a
//   draft made behind the writer's back would appear in lists, feeds of work and the audit log).

export interface AutosaveText {
  title: string;
  summary: string;
  body: string;
  /** The version the form was opened at. */
  version: number;
}

export interface Autosaved {
  /** "HH:mm" in Vietnam time, for "Đã lưu lúc HH:mm". */
  time: string;
  savedAt: string;
  /** Someone saved the article after this form was opened: saving will show the conflict. */
  stale: boolean;
  /** Who saved it and when, when stale. */
  savedBy?: string;
}

/** Keeps what this person typed as their one autosave of the article (the previous one goes). */
export async function autosaveArticle(prisma: PrismaClient, clock: Clock, user: CurrentUser, articleId: number, text: AutosaveText): Promise<Autosaved> {
  const body = await sanitizeArticleBody(prisma, text.body);
  const now = clock();
  return prisma.$transaction(async (tx) => {
    const article = await findArticle(tx, articleId);
    assertCanEdit(user, article);
    assertNotTrashed(article);
    const mine = { articleId, userId: user.id, kind: AUTOSAVE_KIND };
    await tx.articleRevision.deleteMany({ where: mine });
    await tx.articleRevision.create({
      data: {
        ...mine,
        userName: user.name,
        version: text.version,
        title: text.title,
        summary: text.summary,
        body,
        status: article.status,
        categoryId: article.categoryId,
        createdAt: now,
      },
    });
    const stale = text.version !== article.version;
    const latest = stale ? await latestRevision(tx, articleId) : null;
    const savedBy = latest ? `${latest.userName || "một người khác"} (lúc ${revisionStamp(latest.createdAt)})` : undefined;
    return { time: formatTime(now), savedAt: now.toISOString(), stale, ...(savedBy ? { savedBy } : {}) };
  });
}

export interface AutosaveOffer {
  time: string;
  stamp: string;
  version: number;
  title: string;
  summary: string;
  body: string;
}

/**
 * This person's autosave of the article, when it holds typing they never saved: made after their
 * last real save of it, and different from the article's text now. Someone else's save since does
 * not hide it (the form restored from it then meets that save as a 409 with the diff).
 */
export async function findAutosaveOffer(prisma: PrismaClient, user: CurrentUser, articleId: number): Promise<AutosaveOffer | null> {
  const [autosave, article] = await Promise.all([
    prisma.articleRevision.findFirst({ where: { articleId, userId: user.id, kind: AUTOSAVE_KIND }, orderBy: { id: "desc" } }),
    prisma.article.findUnique({ where: { id: articleId }, select: { title: true, summary: true, body: true } }),
  ]);
  if (!autosave || !article) return null;
  const savedSince = await prisma.articleRevision.count({
    where: { articleId, userId: user.id, kind: { not: AUTOSAVE_KIND }, createdAt: { gte: autosave.createdAt } },
  });
  const same = autosave.title === article.title && autosave.summary === article.summary && autosave.body === article.body;
  if (savedSince || same) return null;
  const { version, title, summary, body } = autosave;
  return { time: formatTime(autosave.createdAt), stamp: revisionStamp(autosave.createdAt), version, title, summary, body };
}

/** "Bỏ bản lưu tự động": this person's autosave of the article goes. */
export async function discardAutosave(prisma: PrismaClient, user: CurrentUser, articleId: number): Promise<void> {
  const article = await findArticle(prisma, articleId);
  assertCanEdit(user, article);
  await prisma.articleRevision.deleteMany({ where: { articleId, userId: user.id, kind: AUTOSAVE_KIND } });
}
