import { fold } from "./fold.js";

// What a reader types becomes a list of folded words, each quoted for FTS5: no user text ever
// reaches the FTS5 query language, so ", *, NEAR, -, ( or AND/OR/NOT can never cause an error.
export const MAX_QUERY_LENGTH = 200;
export const MAX_TERMS = 10;

// Letters with their combining marks (NFD input) and digits: the same words FTS5's unicode61 sees.
export const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const OPERATORS = new Set(["AND", "OR", "NOT", "NEAR"]);

export interface ParsedQuery {
  /** The query as shown back to the reader: NFC, trimmed, cut to MAX_QUERY_LENGTH. */
  text: string;
  /** Folded, distinct words, at most MAX_TERMS. */
  terms: string[];
  truncated: boolean;
  tooManyTerms: boolean;
}

export function parseSearchQuery(raw: string): ParsedQuery {
  const normalised = raw.normalize("NFC").replace(/\s+/g, " ").trim();
  const truncated = [...normalised].length > MAX_QUERY_LENGTH;
  const text = truncated ? [...normalised].slice(0, MAX_QUERY_LENGTH).join("").trim() : normalised;
  const words = (text.match(WORD) ?? []).filter((w) => !OPERATORS.has(w));
  const distinct = [...new Set(words.map(fold))].filter((w) => w.length > 0);
  return { text, terms: distinct.slice(0, MAX_TERMS), truncated, tooManyTerms: distinct.length > MAX_TERMS };
}

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/** Every word must appear somewhere: `"can" "tho"`. */
export function ftsMatch(terms: string[]): string {
  return terms.map(quote).join(" ");
}

/** Every word must appear in the title: `{title} : ("can" "tho")`. */
export function ftsTitleMatch(terms: string[]): string {
  return `{title} : (${ftsMatch(terms)})`;
}
