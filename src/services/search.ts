import type { PrismaClient } from "../db.js";
import type { Clock } from "../lib/vi-time.js";
import { paginate, type Page } from "../lib/pagination.js";
import { htmlToText } from "../lib/html-text.js";
import { highlight, snippet, type Segment } from "../lib/highlight.js";
import { listCards, type ArticleCard } from "./articles-public.js";
import { searchBackend, type HitPage, type SearchFilters } from "./search-backends/index.js";

export type { HitPage, SearchFilters };

export const SEARCH_PAGE_SIZE = 10;

export interface SearchHit extends ArticleCard {
  titleParts: Segment[];
  snippetParts: Segment[];
}

export interface SearchResult {
  total: number;
  page: Page;
  hits: SearchHit[];
}

/**
 * One page of matching article ids and how many match in all, both from the database's search
 * index (src/services/search-backends), never a scan of every row.
 */
export async function findHits(
  prisma: PrismaClient,
  now: Date,
  terms: string[],
  filters: SearchFilters,
  pageNumber: number,
  pageSize = SEARCH_PAGE_SIZE,
): Promise<HitPage> {
  const { with: prefix, from, orderBy } = searchBackend(prisma).matches(now, terms, filters);
  const [counted] = await prisma.$queryRaw<{ n: number | bigint }[]>`${prefix} SELECT count(*) AS n ${from}`;
  const total = Number(counted?.n ?? 0);
  const page = paginate(pageNumber, pageSize, total);
  if (total === 0 || pageNumber > page.pageCount) return { total, page, rows: [] };
  const rows = await prisma.$queryRaw<{ id: number | bigint; body: string }[]>`
    ${prefix} SELECT a."id" AS id, a."body" AS body ${from} ORDER BY ${orderBy} LIMIT ${pageSize} OFFSET ${page.skip}`;
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
