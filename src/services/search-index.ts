import type { Db, PrismaClient } from "../db.js";
import { fold } from "../lib/fold.js";
import { htmlToText } from "../lib/html-text.js";
import { searchBackend, type FoldedColumns } from "./search-backends/index.js";

// The search index holds a folded copy of each article that may be public, in the table of the
// database's search backend (src/services/search-backends). Whether the article is due
// (publishedAt <= now) is decided at query time, so a scheduled article needs no reindex to appear.

interface IndexSource {
  id: number;
  title: string;
  summary: string;
  body: string;
  status: string;
  deletedAt: Date | null;
}

const mayBePublic = (a: IndexSource) => a.status === "published" && a.deletedAt === null;

/** The three indexed columns: what a reader sees, folded (no case, no diacritics, đ → d). */
export function foldedColumns(a: Pick<IndexSource, "title" | "summary" | "body">): FoldedColumns {
  return { title: fold(a.title), summary: fold(a.summary), body: fold(htmlToText(a.body)) };
}

const sourceSelect = { id: true, title: true, summary: true, body: true, status: true, deletedAt: true } as const;

async function writeRow(db: Db, a: IndexSource): Promise<void> {
  if (mayBePublic(a)) await searchBackend(db).write(db, a.id, foldedColumns(a));
  else await searchBackend(db).remove(db, a.id);
}

/**
 * Keeps the search index in step with one article: indexed when it may be public, removed otherwise.
 * Every write to an article (create, edit, publish, unpublish, trash, restore, delete) calls it
 * inside the write's transaction, so the row and its index entry commit together.
 */
export async function reindexArticle(db: Db, articleId: number): Promise<void> {
  const article = await db.article.findUnique({ where: { id: articleId }, select: sourceSelect });
  if (article) await writeRow(db, article);
  else await searchBackend(db).remove(db, articleId);
}

// Rows per statement of a batch write: a few hundred kilobytes of text, far below either database's
// limit on bound parameters.
const ROWS_PER_STATEMENT = 200;

/**
 * Indexes many articles the caller knows may be public (published, not in the trash), a few
 * statements in all instead of one per article: a rebuild, or generated articles (src/demo).
 */
export async function indexPublicArticles(db: Db, articles: Pick<IndexSource, "id" | "title" | "summary" | "body">[]): Promise<void> {
  for (let i = 0; i < articles.length; i += ROWS_PER_STATEMENT) {
    const slice = articles.slice(i, i + ROWS_PER_STATEMENT);
    await searchBackend(db).writeMany(db, slice.map((a) => ({ id: a.id, folded: foldedColumns(a) })));
  }
}

/** Takes many articles out of the index (before they are deleted). */
export async function removeFromSearchIndex(db: Db, articleIds: number[]): Promise<void> {
  for (let i = 0; i < articleIds.length; i += ROWS_PER_STATEMENT * 5) {
    await searchBackend(db).removeMany(db, articleIds.slice(i, i + ROWS_PER_STATEMENT * 5));
  }
}

const REBUILD_BATCH = 500;

/** Empties the index and folds every article again; returns how many are indexed. */
export async function rebuildSearchIndex(prisma: PrismaClient): Promise<number> {
  let indexed = 0;
  await prisma.$transaction(
    async (tx) => {
      await searchBackend(tx).clear(tx);
      for (let afterId = 0; ; ) {
        const batch = await tx.article.findMany({
          where: { id: { gt: afterId }, status: "published", deletedAt: null },
          select: sourceSelect,
          orderBy: { id: "asc" },
          take: REBUILD_BATCH,
        });
        if (batch.length === 0) break;
        await indexPublicArticles(tx, batch);
        indexed += batch.length;
        afterId = batch[batch.length - 1]!.id;
      }
    },
    // 100,000 articles take minutes to fold on a small machine.
    { timeout: 15 * 60_000 },
  );
  await searchBackend(prisma).optimize(prisma);
  return indexed;
}

/** At start-up: rebuilds the index when it is empty while indexable articles exist (fresh or restored DB). */
export async function ensureSearchIndex(prisma: PrismaClient): Promise<number | null> {
  if ((await searchBackend(prisma).count(prisma)) > 0) return null;
  const indexable = await prisma.article.count({ where: { status: "published", deletedAt: null } });
  return indexable > 0 ? rebuildSearchIndex(prisma) : null;
}
