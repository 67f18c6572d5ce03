import { Prisma } from "../../generated/prisma/client.js";
import { ftsMatch, ftsTitleMatch } from "../../lib/search-terms.js";
import type { SearchBackend, SearchFilters } from "./types.js";

// The FTS5 table "ArticleSearch" (migration 20261128000000_search_fts); its rowid is the article id.

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

export const sqliteSearch: SearchBackend = {
  async write(db, id, f) {
    // One statement, so two concurrent reindexes of the same article cannot leave two rows.
    await db.$executeRaw`INSERT OR REPLACE INTO "ArticleSearch" (rowid, "title", "summary", "body")
      VALUES (${id}, ${f.title}, ${f.summary}, ${f.body})`;
  },

  async writeMany(db, rows) {
    if (rows.length === 0) return;
    const values = rows.map(({ id, folded: f }) => Prisma.sql`(${id}, ${f.title}, ${f.summary}, ${f.body})`);
    await db.$executeRaw`INSERT OR REPLACE INTO "ArticleSearch" (rowid, "title", "summary", "body") VALUES ${Prisma.join(values)}`;
  },

  async remove(db, id) {
    await db.$executeRaw`DELETE FROM "ArticleSearch" WHERE rowid = ${id}`;
  },

  async removeMany(db, ids) {
    if (ids.length) await db.$executeRaw`DELETE FROM "ArticleSearch" WHERE rowid IN (${Prisma.join(ids)})`;
  },

  async clear(db) {
    await db.$executeRaw`DELETE FROM "ArticleSearch"`;
  },

  async optimize(db) {
    // FTS5's own command: merges the index segments a bulk insert leaves behind.
    await db.$executeRaw`INSERT INTO "ArticleSearch" ("ArticleSearch") VALUES ('optimize')`;
  },

  async count(db) {
    const [row] = await db.$queryRaw<{ n: number | bigint }[]>`SELECT count(*) AS n FROM "ArticleSearch"`;
    return Number(row?.n ?? 0);
  },

  // bm25 with the title weighing most.
  matches(now, terms, filters) {
    return {
      with: Prisma.empty,
      from: publicHits(ftsMatch(terms), now, filters),
      orderBy: Prisma.sql`("ArticleSearch".rowid IN (SELECT rowid FROM "ArticleSearch" WHERE "ArticleSearch" MATCH ${ftsTitleMatch(terms)})) DESC,
        a."publishedAt" DESC, bm25("ArticleSearch", 10.0, 4.0, 1.0), a."id" DESC`,
    };
  },
};
