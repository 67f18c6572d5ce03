import type { PrismaClient } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import { notFound } from "../errors.js";
import { paginate, type Page } from "../lib/pagination.js";
import { shortName } from "../lib/short-name.js";
import { formatDate } from "../lib/vi-time.js";
import { everyTermIn, type SectionSearch } from "./section-search.js";
import { publicQuestionWhere, questionUrl } from "./questions.js";

// The public side of Q&A: published questions with their answers, newest first. Nothing here ever
// selects the asker's e-mail, phone, address or full name: the pages cannot show what they never get.

export const QUESTIONS_PAGE_SIZE = 10;
const EXCERPT_MAX = 240;

const cardSelect = {
  id: true,
  slug: true,
  title: true,
  question: true,
  status: true,
  name: true,
  createdAt: true,
  answeredAt: true,
  publishedAt: true,
} satisfies Prisma.QuestionSelect;

type CardRow = Prisma.QuestionGetPayload<{ select: typeof cardSelect }>;

export interface QuestionCard {
  id: number;
  title: string;
  url: string;
  /** "Nguyễn V. A." */
  asker: string;
  askedOn: string;
  answeredOn: string | null;
  publishedAt: Date;
  forwarded: boolean;
  excerpt: string;
}

/** The asker as the public sees them; a blank name (never from the form) reads "Bạn đọc". */
export const publicAsker = (name: string) => shortName(name) || "Bạn đọc";

function excerpt(text: string, max = EXCERPT_MAX): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2))}…`;
}

function toCard(row: CardRow): QuestionCard {
  return {
    id: row.id,
    title: row.title,
    url: questionUrl(row.slug!),
    asker: publicAsker(row.name),
    askedOn: formatDate(row.createdAt),
    answeredOn: row.answeredAt ? formatDate(row.answeredAt) : null,
    publishedAt: row.publishedAt ?? row.createdAt,
    forwarded: row.status === "forwarded",
    excerpt: excerpt(row.question),
  };
}

const newestFirst = [{ publishedAt: "desc" }, { id: "desc" }] satisfies Prisma.QuestionOrderByWithRelationInput[];

/** One page of the public list; `terms` (folded words) must all appear in title, question or answer. */
export async function listPublishedQuestions(
  prisma: PrismaClient,
  now: Date,
  terms: string[],
  pageNumber: number,
): Promise<{ questions: QuestionCard[]; page: Page }> {
  const where = { AND: [publicQuestionWhere(now), everyTermIn(terms)] };
  const total = await prisma.question.count({ where });
  const page = paginate(pageNumber, QUESTIONS_PAGE_SIZE, total);
  const rows = await prisma.question.findMany({ where, select: cardSelect, orderBy: newestFirst, skip: page.skip, take: page.pageSize });
  return { questions: rows.map(toCard), page };
}

export interface QuestionPage extends QuestionCard {
  /** The question as paragraphs of plain text (it is never HTML). */
  paragraphs: string[];
  answeredAt: Date | null;
  answeredBy: string;
  /** Sanitised when saved. */
  answer: string;
  forwardNote: string;
  updatedAt: Date;
}

/** One published question by its address, or a 404. */
export async function getPublishedQuestion(prisma: PrismaClient, now: Date, slug: string): Promise<QuestionPage> {
  const row = await prisma.question.findFirst({
    where: { AND: [publicQuestionWhere(now), { slug }] },
    select: { ...cardSelect, answeredBy: true, answer: true, forwardNote: true, updatedAt: true },
  });
  if (!row) throw notFound("Không tìm thấy câu hỏi này, hoặc câu hỏi chưa được công khai.");
  return {
    ...toCard(row),
    paragraphs: row.question.split(/\r?\n\s*\r?\n|\r?\n/).map((p) => p.trim()).filter(Boolean),
    answeredAt: row.answeredAt,
    answeredBy: row.answeredBy,
    answer: row.answer,
    forwardNote: row.status === "forwarded" ? row.forwardNote : "",
    updatedAt: row.updatedAt,
  };
}

/** Whether the answer's attachment may be downloaded by anyone: its question is published and not in the trash. */
export async function isAnswerPublic(prisma: PrismaClient, questionId: number): Promise<boolean> {
  return (await prisma.question.count({ where: { id: questionId, published: true, deletedAt: null, slug: { not: null } } })) > 0;
}

/** The site search's view of Q&A (/tim-kiem): published questions matching every folded term. */
export const searchQuestions: SectionSearch = async (prisma, now, terms, skip, take) => {
  const where = { AND: [publicQuestionWhere(now), everyTermIn(terms)] };
  const [total, rows] = await Promise.all([
    prisma.question.count({ where }),
    prisma.question.findMany({ where, select: cardSelect, orderBy: newestFirst, skip, take }),
  ]);
  const hits = rows.map((row) => {
    const card = toCard(row);
    return { title: card.title, url: card.url, text: card.excerpt, date: card.publishedAt, label: "Hỏi đáp" };
  });
  return { total, hits };
};

/** Every published question's page for the sitemap, with when it last changed. */
export async function questionSitemapEntries(prisma: PrismaClient, now: Date): Promise<{ path: string; lastmod: Date }[]> {
  const rows = await prisma.question.findMany({
    where: publicQuestionWhere(now),
    select: { slug: true, updatedAt: true },
    orderBy: newestFirst,
  });
  return rows.map((row) => ({ path: questionUrl(row.slug!), lastmod: row.updatedAt }));
}
