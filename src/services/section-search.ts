import type { PrismaClient } from "../db.js";
import { fold } from "../lib/fold.js";

// The site search (/tim-kiem) finds articles through the full-text index (search-backends/) and the
// state-portal sections (documents, procedures, published answers) through a folded `searchText`
// column each section keeps on its own rows. Each section supplies one SectionSearch; the search
// page asks the ones the reader chose. These sections hold hundreds to a few thousand rows, so a
// LIKE over a folded column is fast on both databases and needs no raw SQL.

/** One result as the search page shows it. */
export interface SectionHit {
  title: string;
  url: string;
  /** Plain text shown under the title (the words are marked by the page). */
  text: string;
  /** The date shown beside the result (issued, published), or null. */
  date: Date | null;
  /** A short label before the title, e.g. the document's number. */
  label: string;
}

export interface SectionSearchResult {
  total: number;
  hits: SectionHit[];
}

/** Finds the public rows of one section matching every folded term, newest first. */
export type SectionSearch = (
  prisma: PrismaClient,
  now: Date,
  terms: string[],
  skip: number,
  take: number,
) => Promise<SectionSearchResult>;

/** The folded text a section stores in `searchText`: every part folded, joined by spaces. */
export function searchTextOf(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) => fold(p.normalize("NFC")).replace(/\s+/g, " ").trim())
    .join(" ");
}

/** A Prisma `where` fragment: every folded term appears in `searchText`. */
export function everyTermIn(terms: string[]): { AND: { searchText: { contains: string } }[] } {
  return { AND: terms.map((t) => ({ searchText: { contains: t } })) };
}
