import type { PrismaClient } from "../db.js";
import { notFound } from "../errors.js";
import { toNfc } from "../lib/fold.js";
import { paginate } from "../lib/pagination.js";

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
    orderBy: { createdAt: "desc" },
    skip: page.skip,
    take: page.pageSize,
  });
  return { messages, page };
}

export async function setFeedbackStatus(prisma: PrismaClient, id: number, status: FeedbackStatus) {
  const found = await prisma.feedbackMessage.findUnique({ where: { id } });
  if (!found) throw notFound("Không tìm thấy góp ý này.");
  return prisma.feedbackMessage.update({ where: { id }, data: { status } });
}
