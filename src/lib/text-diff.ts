import { diffWordsWithSpace } from "diff";
import { htmlToText } from "./html-text.js";

/** One run of a word-level diff: kept, inserted (only in the newer text) or deleted (only in the older). */
export interface DiffPart {
  kind: "same" | "ins" | "del";
  text: string;
}

// Tags that end a block of text: each becomes a paragraph break, so a body is compared as the
// paragraphs a reader sees, never as markup.
const BLOCK_TAG = /<\/?(?:p|div|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|thead|tbody|tr|td|th|pre|hr|br)\b[^>]*>/gi;

/** Article HTML as plain paragraphs separated by blank lines: no tags, entities decoded. */
export function htmlToParagraphs(html: string): string {
  return html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(BLOCK_TAG, "\u2029")
    .split("\u2029")
    .map(htmlToText)
    .filter(Boolean)
    .join("\n\n");
}

/**
 * Word-level differences from `older` to `newer` (jsdiff's diffWordsWithSpace, so paragraph breaks
 * survive). A change of spacing alone is not worth a mark: it is shown as the newer text has it.
 */
export function diffWords(older: string, newer: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffWordsWithSpace(older, newer)) {
    const blank = change.value.trim() === "";
    if (change.removed && blank) continue;
    const kind = change.added && !blank ? "ins" : change.removed ? "del" : "same";
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  return parts;
}

/** Whether a diff found anything to mark. */
export const hasChanges = (parts: DiffPart[]) => parts.some((p) => p.kind !== "same");
