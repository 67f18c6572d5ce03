import { fold } from "./fold.js";
import { WORD } from "./search-terms.js";

/** A piece of text; `hit` pieces are shown in <mark>. Templates escape the text. */
export interface Segment {
  text: string;
  hit: boolean;
}

interface Word {
  start: number;
  end: number;
  term: string | null;
}

// Words are folded one by one, so positions always refer to the ORIGINAL text with its diacritics.
function words(text: string, terms: ReadonlySet<string>): Word[] {
  return [...text.matchAll(WORD)].map((m) => {
    const folded = fold(m[0]);
    return { start: m.index, end: m.index + m[0].length, term: terms.has(folded) ? folded : null };
  });
}

function segmentsOf(text: string, list: Word[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let cursor = from;
  for (const w of list) {
    if (!w.term || w.start < from || w.end > to) continue;
    if (w.start > cursor) out.push({ text: text.slice(cursor, w.start), hit: false });
    out.push({ text: text.slice(w.start, w.end), hit: true });
    cursor = w.end;
  }
  if (cursor < to) out.push({ text: text.slice(cursor, to), hit: false });
  return out;
}

/** The whole text with every word that folds to a search term marked. */
export function highlight(text: string, terms: ReadonlySet<string>): Segment[] {
  return segmentsOf(text, words(text, terms), 0, text.length);
}

/** About `size` words around the passage with the most distinct search terms, marked. */
export function snippet(text: string, terms: ReadonlySet<string>, size = 36): Segment[] {
  const list = words(text, terms);
  if (list.length === 0) return [];
  let best = 0;
  let bestScore = 0;
  list.forEach((w, i) => {
    if (!w.term) return;
    const start = Math.max(0, i - 6);
    const score = new Set(list.slice(start, start + size).map((x) => x.term).filter(Boolean)).size;
    if (score > bestScore) [best, bestScore] = [start, score];
  });
  const last = Math.min(list.length, best + size) - 1;
  const from = best === 0 ? 0 : list[best]!.start;
  const to = last === list.length - 1 ? text.length : list[last]!.end;
  const parts = segmentsOf(text, list, from, to);
  if (from > 0) parts.unshift({ text: "… ", hit: false });
  if (to < text.length) parts.push({ text: " …", hit: false });
  return parts;
}
