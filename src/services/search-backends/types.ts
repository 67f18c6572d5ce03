import type { Db } from "../../db.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Page } from "../../lib/pagination.js";

export interface SearchFilters {
  categoryId: number | null;
  /** First instant included, or null. */
  from: Date | null;
  /** First instant excluded (start of the day after the last day), or null. */
  until: Date | null;
}

/** An article's indexed text: what a reader sees, folded (no case, no diacritics, đ → d). */
export interface FoldedColumns {
  title: string;
  summary: string;
  body: string;
}

/** One article's row of the index. */
export interface IndexRow {
  id: number;
  folded: FoldedColumns;
}

export interface HitPage {
  total: number;
  page: Page;
  rows: { id: number; body: string }[];
}

/**
 * Where the search SQL of one database lives: the index table's rows and the query. Both hold the
 * same folded text (made by our own code, src/lib/fold.ts) and must answer alike: every word
 * matches a whole word, title matches first, then newer; only published, due, untrashed articles.
 */
export interface SearchBackend {
  write(db: Db, articleId: number, folded: FoldedColumns): Promise<void>;
  /** Many rows in one statement (a slice of a rebuild or of generated articles); each id at most once. */
  writeMany(db: Db, rows: IndexRow[]): Promise<void>;
  remove(db: Db, articleId: number): Promise<void>;
  /** Many ids in one statement. */
  removeMany(db: Db, articleIds: number[]): Promise<void>;
  clear(db: Db): Promise<void>;
  count(db: Db): Promise<number>;
  /** After a rebuild of the whole index: let the database plan with the new contents. */
  optimize(db: Db): Promise<void>;
  /**
   * The FROM … WHERE of the public matches (published, due, not in the trash, the filters; the
   * article is `a`), what must come before the SELECT (a WITH clause, or nothing), and their order:
   * title matches first, then newer, then by rank.
   */
  matches(now: Date, terms: string[], filters: SearchFilters): { with: Prisma.Sql; from: Prisma.Sql; orderBy: Prisma.Sql };
}
