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
    // Inline tags (<strong>, <a>, …) sit inside words and sentences: they go without a trace.
    .replace(/<[^>]*>/g, "")
    .split("\u2029")
    .map(htmlToText)
    .filter(Boolean)
    .join("\n\n");
}

/**
 * Word-level differences from `older` to `newer` (jsdiff's diffWordsWithSpace, so paragraph breaks
 * survive). Neighbouring changes separated by spaces alone are read as one: "rút ngắn" replaced by
 * "giảm một nửa" shows as one deletion and one insertion, not word by word in turn. A change of
 * spacing alone is not worth a mark: it is shown as the newer text has it.
 */
export function diffWords(older: string, newer: string): DiffPart[] {
  const changes = diffWordsWithSpace(older, newer);
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart["kind"], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  // Spaces (within a paragraph) joining two changes belong to both sides of the change.
  const joins = (i: number) => {
    const c = changes[i]!;
    return !c.added && !c.removed && /^[^\S\n]+$/.test(c.value) && i + 1 < changes.length && (changes[i + 1]!.added || changes[i + 1]!.removed);
  };
  for (let i = 0; i < changes.length; ) {
    const change = changes[i]!;
    if (!change.added && !change.removed) {
      push("same", change.value);
      i += 1;
      continue;
    }
    let removed = "";
    let added = "";
    for (; i < changes.length && (changes[i]!.added || changes[i]!.removed || joins(i)); i += 1) {
      const c = changes[i]!;
      if (!c.added) removed += c.value;
      if (!c.removed) added += c.value;
    }
    emitChange(push, removed, added);
  }
  return parts;
}

const edges = (text: string) => {
  const [, lead = "", core = "", trail = ""] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? [];
  return { lead, core, trail };
};

/** One change: the marks hold words, and the spaces around them stay outside, as the newer text has them. */
function emitChange(push: (kind: DiffPart["kind"], text: string) => void, removed: string, added: string) {
  const del = edges(removed);
  const ins = edges(added);
  if (!ins.core) {
    push("del", del.core);
    push("same", added);
    return;
  }
  push("same", ins.lead);
  push("del", del.core);
  push("ins", ins.core);
  push("same", ins.trail);
}

/** Whether a diff found anything to mark. */
export const hasChanges = (parts: DiffPart[]) => parts.some((p) => p.kind !== "same");
