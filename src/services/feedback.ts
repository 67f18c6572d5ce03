import type { Db, PrismaClient } from "../db.js";
import { notFound } from "../errors.js";
import { toNfc } from "../lib/fold.js";
import { paginate } from "../lib/pagination.js";
import { recordAudit, type Actor } from "./audit.js";

export const FEEDBACK_STATUSES = ["new", "answered", "closed"] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = {
  new: "Mới",
  answered: "Đã trả lời",
  closed: "Đã đóng",
};

export interface FeedbackInput {
  name: string;
  email: string;
  phone: string;
  subject: string;
  message: string;
}

export async function submitFeedback(prisma: PrismaClient, input: FeedbackInput, ip: string) {
  return prisma.feedbackMessage.create({
    data: {
      name: toNfc(input.name),
      email: input.email.toLowerCase(),
      phone: input.phone,
      subject: toNfc(input.subject),
      message: toNfc(input.message),
      ip,
    },
  });
}

export async function listFeedback(prisma: PrismaClient, status: FeedbackStatus | undefined, pageNumber: number) {
  const where = status ? { status } : {};
  const total = await prisma.feedbackMessage.count({ where });
  const page = paginate(pageNumber, 20, total);
  const messages = await prisma.feedbackMessage.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: page.skip,
    take: page.pageSize,
  });
  return { messages, page };
}

/** The new status and its audit entry commit together. */
export async function setFeedbackStatus(prisma: PrismaClient, id: number, status: FeedbackStatus, actor?: Actor) {
  return prisma.$transaction(async (tx) => {
    const found = await getFeedback(tx, id);
    if (found.status === status) return found;
    const updated = await tx.feedbackMessage.update({ where: { id }, data: { status } });
    if (actor) await recordAudit(tx, { ...actor, action: "feedback.status", target: found.subject, detail: `${found.status} → ${status}` });
    return updated;
  });
}

export async function getFeedback(prisma: Db, id: number) {
  const message = await prisma.feedbackMessage.findUnique({ where: { id } });
  if (!message) throw notFound("Không tìm thấy góp ý này.");
  return message;
}

/** How many messages each status has, for the filter links. */
export async function countFeedbackByStatus(prisma: PrismaClient): Promise<Record<FeedbackStatus, number>> {
  const groups = await prisma.feedbackMessage.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = { new: 0, answered: 0, closed: 0 };
  for (const g of groups) if (g.status in counts) counts[g.status as FeedbackStatus] = g._count._all;
  return counts;
}
