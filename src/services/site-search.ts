import type { PrismaClient } from "../db.js";
import { highlight, snippet, type Segment } from "../lib/highlight.js";
import { paginate, type Page } from "../lib/pagination.js";
import { formatDate } from "../lib/vi-time.js";
import type { SectionHit, SectionSearch } from "./section-search.js";
import { SEARCH_PAGE_SIZE } from "./search.js";
import { searchDocuments } from "./documents-public.js";
import { searchProcedures } from "./procedures-public.js";
import { searchQuestions } from "./questions-public.js";

// /tim-kiem?loai=…: articles come from the full-text index (search.ts); each state-portal section
// supplies its SectionSearch, listed in SEARCH_SECTIONS under the slug the reader picks. Adding a
// section adds a line there.

export interface SearchSection {
  /** The `loai` value. */
  slug: string;
  /** "Văn bản", shown in the type select and above its results. */
  label: string;
  search: SectionSearch;
}

export const ARTICLES_TYPE = { slug: "bai-viet", label: "Bài viết" } as const;

export const SEARCH_SECTIONS: readonly SearchSection[] = [
  { slug: "van-ban", label: "Văn bản", search: searchDocuments },
  { slug: "thu-tuc", label: "Thủ tục hành chính", search: searchProcedures },
  { slug: "hoi-dap", label: "Hỏi đáp", search: searchQuestions },
];

export const findSearchSection = (slug: string) => SEARCH_SECTIONS.find((s) => s.slug === slug) ?? null;

export interface MarkedHit extends SectionHit {
  /** dd/MM/yyyy in Vietnam time, or "". */
  dateText: string;
  titleParts: Segment[];
  snippetParts: Segment[];
}

export interface SectionResult {
  slug: string;
  label: string;
  total: number;
  page: Page;
  hits: MarkedHit[];
}

const marked = (terms: string[]) => {
  const termSet = new Set(terms);
  return (hit: SectionHit): MarkedHit => ({
    ...hit,
    dateText: hit.date ? formatDate(hit.date) : "",
    titleParts: highlight(hit.title, termSet),
    snippetParts: snippet(hit.text, termSet),
  });
};

/** One page of one section's matches, the words marked. */
export async function searchSection(
  prisma: PrismaClient,
  now: Date,
  section: SearchSection,
  terms: string[],
  pageNumber: number,
  pageSize = SEARCH_PAGE_SIZE,
): Promise<SectionResult> {
  const skip = (pageNumber - 1) * pageSize;
  const { total, hits } = await section.search(prisma, now, terms, skip, pageSize);
  return { slug: section.slug, label: section.label, total, page: paginate(pageNumber, pageSize, total), hits: hits.map(marked(terms)) };
}

/** The first few matches of every section, for the "all types" page beside the articles. */
export function searchEverySection(prisma: PrismaClient, now: Date, terms: string[], perSection = 3): Promise<SectionResult[]> {
  return Promise.all(SEARCH_SECTIONS.map((s) => searchSection(prisma, now, s, terms, 1, perSection)));
}
