import type { PrismaClient } from "../db.js";
import { Prisma } from "../generated/prisma/client.js";
import type { Clock } from "../lib/vi-time.js";
import { paginate, type Page } from "../lib/pagination.js";
import { htmlToText } from "../lib/html-text.js";
import { highlight, snippet, type Segment } from "../lib/highlight.js";
import { ftsMatch, ftsTitleMatch } from "../lib/search-terms.js";
import { listCards, type ArticleCard } from "./articles-public.js";

export const SEARCH_PAGE_SIZE = 10;

export interface SearchFilters {
  categoryId: number | null;
  /** First instant included, or null. */
  from: Date | null;
  /** First instant excluded (start of the day after the last day), or null. */
  until: Date | null;
}

export interface SearchHit extends ArticleCard {
  titleParts: Segment[];
  snippetParts: Segment[];
}

export interface SearchResult {
  total: number;
  page: Page;
  hits: SearchHit[];
}

// Dates are stored by Prisma's SQLite adapter as ISO text ("2017-08-01T08:09:00.000+00:00"), so a
// bound value in the same form compares correctly as text.
const sqlInstant = (d: Date) => d.toISOString().replace("Z", "+00:00");

/**
 * The rule of publicWhere (services/articles-public.ts) in SQL: published, due, not in the trash.
 * Applied at query time so a scheduled article is found as soon as it is due, without a reindex.
 * CROSS JOIN makes SQLite start from the FTS hits: with a plain JOIN it walked every published
 * article and ran the MATCH once per row (50× slower on 5,000 articles; see bench/search.ts).
 */
function publicHits(match: string, now: Date, f: SearchFilters): Prisma.Sql {
  return Prisma.sql`FROM "ArticleSearch" CROSS JOIN "Article" a ON a."id" = "ArticleSearch".rowid
    WHERE "ArticleSearch" MATCH ${match}
      AND a."status" = 'published' AND a."deletedAt" IS NULL AND a."publishedAt" <= ${sqlInstant(now)}
      AND (${f.categoryId} IS NULL OR a."categoryId" = ${f.categoryId})
      AND (${f.from && sqlInstant(f.from)} IS NULL OR a."publishedAt" >= ${f.from && sqlInstant(f.from)})
      AND (${f.until && sqlInstant(f.until)} IS NULL OR a."publishedAt" < ${f.until && sqlInstant(f.until)})`;
}

export interface HitPage {
  total: number;
  page: Page;
  rows: { id: number; body: string }[];
}

/**
 * One page of matching article ids, title matches first, then newer, then by bm25 with the title
 * weighing most; and how many match in all. Both come from the FTS index, never a scan of every row.
 */
export async function findHits(
  prisma: PrismaClient,
  now: Date,
  terms: string[],
  filters: SearchFilters,
  pageNumber: number,
  pageSize = SEARCH_PAGE_SIZE,
): Promise<HitPage> {
  const where = publicHits(ftsMatch(terms), now, filters);
  const [counted] = await prisma.$queryRaw<{ n: number | bigint }[]>`SELECT count(*) AS n ${where}`;
  const total = Number(counted?.n ?? 0);
  const page = paginate(pageNumber, pageSize, total);
  if (total === 0 || pageNumber > page.pageCount) return { total, page, rows: [] };
  const rows = await prisma.$queryRaw<{ id: number | bigint; body: string }[]>`
    SELECT a."id" AS id, a."body" AS body ${where}
    ORDER BY ("ArticleSearch".rowid IN (SELECT rowid FROM "ArticleSearch" WHERE "ArticleSearch" MATCH ${ftsTitleMatch(terms)})) DESC,
      a."publishedAt" DESC, bm25("ArticleSearch", 10.0, 4.0, 1.0), a."id" DESC
    LIMIT ${pageSize} OFFSET ${page.skip}`;
  return { total, page, rows: rows.map((r) => ({ id: Number(r.id), body: r.body })) };
}

/** A page of results as readers see them: cards with the matched words marked in title and snippet. */
export async function searchArticles(
  prisma: PrismaClient,
  clock: Clock,
  terms: string[],
  filters: SearchFilters,
  pageNumber: number,
  pageSize = SEARCH_PAGE_SIZE,
): Promise<SearchResult> {
  const { total, page, rows } = await findHits(prisma, clock(), terms, filters, pageNumber, pageSize);
  if (rows.length === 0) return { total, page, hits: [] };
  const ids = rows.map((r) => r.id);
  const cards = new Map((await listCards(prisma, clock, { id: { in: ids } }, ids.length)).map((c) => [c.id, c]));
  const termSet = new Set(terms);
  const hits = rows.flatMap((row): SearchHit[] => {
    const card = cards.get(row.id);
    if (!card) return [];
    const text = `${card.summary} ${htmlToText(row.body)}`.trim();
    return [{ ...card, titleParts: highlight(card.title, termSet), snippetParts: snippet(text, termSet) }];
  });
  return { total, page, hits };
}
