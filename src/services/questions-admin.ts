import type { PrismaClient } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import { notFound } from "../errors.js";
import { paginateWithin, type Page } from "../lib/pagination.js";
import { formatStamp } from "../lib/vi-time.js";
import { workingDaysBetween } from "../lib/working-days.js";
import { isOpen, OPEN_STATUSES, QUESTION_STATUSES, questionUrl, statusLabel, type QuestionStatus } from "./questions.js";

// The staff's view of the questions: everything the asker sent, how long each has waited, and the
// ones still waiting first (oldest first), because the office answers within a set number of days.

export const STAFF_PAGE_SIZE = 25;

/** The list's filter: one status, the trash, or everything not in the trash. */
export type StaffFilter = QuestionStatus | "trash" | undefined;

export interface StaffQuestionRow {
  id: number;
  code: string;
  title: string;
  name: string;
  status: string;
  statusLabel: string;
  receivedAt: string;
  /** Working days from arrival to the answer, or to now while it waits. */
  waitedDays: number;
  open: boolean;
  published: boolean;
}

const rowSelect = {
  id: true,
  code: true,
  title: true,
  name: true,
  status: true,
  createdAt: true,
  answeredAt: true,
  published: true,
  deletedAt: true,
} satisfies Prisma.QuestionSelect;

type Row = Prisma.QuestionGetPayload<{ select: typeof rowSelect }>;

/** Working days a question has waited: until it was answered or forwarded, else until now. */
export function waitedDays(row: { createdAt: Date; answeredAt: Date | null; status: string }, now: Date): number {
  const end = !isOpen(row.status) && row.answeredAt ? row.answeredAt : now;
  return workingDaysBetween(row.createdAt, end);
}

function toRow(row: Row, now: Date): StaffQuestionRow {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    name: row.name,
    status: row.status,
    statusLabel: statusLabel(row.status),
    receivedAt: formatStamp(row.createdAt),
    waitedDays: waitedDays(row, now),
    open: isOpen(row.status),
    published: row.published,
  };
}

function filterWhere(filter: StaffFilter): Prisma.QuestionWhereInput {
  if (filter === "trash") return { deletedAt: { not: null } };
  return filter ? { deletedAt: null, status: filter } : { deletedAt: null };
}

/**
 * One page of the staff list: the open questions (received, processing) oldest first, then the
 * settled ones, most recently answered first. Read as two queries so each keeps its own index
 * order; a page that straddles the two takes the rest of the open ones and the first settled ones.
 */
export async function listQuestionsForStaff(
  prisma: PrismaClient,
  now: Date,
  filter: StaffFilter,
  pageNumber: number,
): Promise<{ questions: StaffQuestionRow[]; page: Page }> {
  const base = filterWhere(filter);
  const openWhere = { AND: [base, { status: { in: [...OPEN_STATUSES] } }] };
  const settledWhere = { AND: [base, { status: { notIn: [...OPEN_STATUSES] } }] };
  const [openCount, settledCount] = await Promise.all([prisma.question.count({ where: openWhere }), prisma.question.count({ where: settledWhere })]);
  const page = paginateWithin(pageNumber, STAFF_PAGE_SIZE, openCount + settledCount);
  const open =
    page.skip < openCount
      ? await prisma.question.findMany({ where: openWhere, select: rowSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: page.skip, take: page.pageSize })
      : [];
  const left = page.pageSize - open.length;
  const settled =
    left > 0
      ? await prisma.question.findMany({
          where: settledWhere,
          select: rowSelect,
          orderBy: [{ answeredAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "desc" }],
          skip: Math.max(0, page.skip - openCount),
          take: left,
        })
      : [];
  return { questions: [...open, ...settled].map((row) => toRow(row, now)), page };
}

/** How many questions each tab of the list holds (the trash apart). */
export async function countQuestionsByStatus(prisma: PrismaClient): Promise<Record<QuestionStatus | "all" | "trash", number>> {
  const [groups, trash] = await Promise.all([
    prisma.question.groupBy({ by: ["status"], where: { deletedAt: null }, _count: { _all: true } }),
    prisma.question.count({ where: { deletedAt: { not: null } } }),
  ]);
  const counts = { all: 0, trash, ...Object.fromEntries(QUESTION_STATUSES.map((s) => [s, 0])) } as Record<QuestionStatus | "all" | "trash", number>;
  for (const g of groups) {
    counts.all += g._count._all;
    if (g.status in counts) counts[g.status as QuestionStatus] = g._count._all;
  }
  return counts;
}

/** One question with everything the asker sent, for the answer page. */
export async function getQuestionForStaff(prisma: PrismaClient, now: Date, id: number) {
  const row = await prisma.question.findUnique({ where: { id } });
  if (!row) throw notFound("Không tìm thấy câu hỏi này.");
  const isPublic = row.published && row.slug !== null && row.deletedAt === null;
  return {
    ...row,
    statusLabel: statusLabel(row.status),
    receivedAt: formatStamp(row.createdAt),
    answeredAtText: row.answeredAt ? formatStamp(row.answeredAt) : null,
    waitedDays: waitedDays(row, now),
    publicUrl: isPublic ? questionUrl(row.slug!) : null,
  };
}

export type StaffQuestion = Awaited<ReturnType<typeof getQuestionForStaff>>;
