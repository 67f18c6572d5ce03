import type { Prisma } from "../generated/prisma/client.js";
import { htmlToText } from "../lib/html-text.js";
import { searchTextOf } from "./section-search.js";

// What every part of the Q&A section shares: the statuses, the public addresses and which rows the
// public may see.

export const QUESTION_STATUSES = ["received", "processing", "answered", "forwarded"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = {
  received: "Đã tiếp nhận",
  processing: "Đang xử lý",
  answered: "Đã trả lời",
  forwarded: "Không thuộc thẩm quyền",
};

export const isQuestionStatus = (value: string): value is QuestionStatus => (QUESTION_STATUSES as readonly string[]).includes(value);

export const statusLabel = (status: string) => (isQuestionStatus(status) ? QUESTION_STATUS_LABELS[status] : status);

/** Still waiting for the office: these come first in the staff list, oldest first. */
export const OPEN_STATUSES: readonly QuestionStatus[] = ["received", "processing"];
export const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

export const QUESTIONS_PATH = "/hoi-dap";
export const ASK_PATH = "/hoi-dap/gui-cau-hoi";
export const LOOKUP_PATH = "/hoi-dap/tra-cuu";
export const QUESTIONS_FEED_PATH = "/hoi-dap/rss.xml";
export const questionUrl = (slug: string) => `${QUESTIONS_PATH}/${slug}`;

/** The section's own pages under /hoi-dap/: a question's slug never takes one of these names. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(["gui-cau-hoi", "tra-cuu", "rss-xml", "rss"]);

/** Published, not in the trash, and given its address: what the public list, search and feed show. */
export function publicQuestionWhere(now: Date): Prisma.QuestionWhereInput {
  return { published: true, deletedAt: null, slug: { not: null }, publishedAt: { lte: now } };
}

/** The folded text the list and the site search look in: title, question and the answer's text. */
export function questionSearchText(q: { title: string; question: string; answer: string; forwardNote: string }): string {
  return searchTextOf(q.title, q.question, htmlToText(q.answer), q.forwardNote);
}
