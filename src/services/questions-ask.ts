import type { PrismaClient } from "../db.js";
import { formatDate } from "../lib/vi-time.js";
import { addAttachmentRows, withStoredFiles, type CheckedAttachment } from "./attachments.js";
import type { FileStore } from "./file-store.js";
import { newQuestionCode, normalizeQuestionCode } from "./questions-code.js";
import { isQuestionStatus, questionSearchText, questionUrl, statusLabel, type QuestionStatus } from "./questions.js";

/** What a citizen sends from the form (already checked and in NFC by the route's schema). */
export interface AskInput {
  name: string;
  email: string;
  phone: string;
  address: string;
  title: string;
  question: string;
}

export interface AskOptions {
  /** The asker's file, checked by its bytes (checkAttachments), with the store it goes to. */
  file?: { checked: CheckedAttachment; store: FileStore };
  /** Where "public" (the form) or "seed" (demo content) questions come from. */
  origin?: string;
  /** Tests make codes clash on purpose. */
  newCode?: () => string;
  /** The creation time, for demo content; the database's clock otherwise. */
  createdAt?: Date;
}

const CODE_ATTEMPTS = 5;

// The code is unique in the table; a clash (one in 10⁹ at most) fails the insert, and the question
// is sent again under a new code. Prisma reports a unique violation as P2002 on both databases.
function isCodeClash(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { target?: unknown } };
  if (e?.code !== "P2002") return false;
  const target = JSON.stringify(e.meta?.target ?? "");
  return target === '""' || target.includes("code");
}

/** Stores a new question under a fresh random tracking code; returns its id and code. */
export async function askQuestion(prisma: PrismaClient, input: AskInput, ip: string, options: AskOptions = {}): Promise<{ id: number; code: string }> {
  const files = options.file ? [options.file.checked] : [];
  // The file's bytes are stored before the transaction (never from inside one, see attachments.ts)
  // and removed again if the question cannot be stored.
  if (options.file) return withStoredFiles(options.file.store, files, () => storeQuestion(prisma, input, ip, files, options));
  return storeQuestion(prisma, input, ip, files, options);
}

async function storeQuestion(prisma: PrismaClient, input: AskInput, ip: string, files: CheckedAttachment[], options: AskOptions) {
  const makeCode = options.newCode ?? (() => newQuestionCode());
  for (let attempt = 1; ; attempt++) {
    const code = makeCode();
    try {
      return await prisma.$transaction(async (tx) => {
        const row = await tx.question.create({
          data: {
            code,
            name: input.name,
            email: input.email.toLowerCase(),
            phone: input.phone,
            address: input.address,
            title: input.title,
            question: input.question,
            searchText: questionSearchText({ ...input, answer: "", forwardNote: "" }),
            ip,
            origin: options.origin ?? "public",
            ...(options.createdAt ? { createdAt: options.createdAt } : {}),
          },
          select: { id: true },
        });
        await addAttachmentRows(tx, { type: "question", id: row.id }, files, null);
        return { id: row.id, code };
      });
    } catch (error) {
      if (attempt < CODE_ATTEMPTS && isCodeClash(error)) continue;
      throw error;
    }
  }
}

/** What the tracking page shows: never the asker's name, e-mail, phone or address. */
export interface QuestionStatusView {
  code: string;
  title: string;
  status: QuestionStatus;
  statusLabel: string;
  askedOn: string;
  answeredOn: string | null;
  forwardNote: string;
  /** The public page once the question and its answer are published. */
  publicUrl: string | null;
}

/**
 * The status of the question with this code, or null. A malformed code is looked up like any
 * other (as "", which no question has), so a wrong code and a malformed one take the same path.
 * A question in the trash is not found.
 */
export async function lookupQuestion(prisma: PrismaClient, now: Date, raw: string): Promise<QuestionStatusView | null> {
  const code = normalizeQuestionCode(raw) ?? "";
  const row = await prisma.question.findFirst({
    where: { code, deletedAt: null },
    select: { code: true, title: true, status: true, forwardNote: true, createdAt: true, answeredAt: true, published: true, publishedAt: true, slug: true },
  });
  if (!row || !isQuestionStatus(row.status)) return null;
  const isPublic = row.published && row.slug !== null && row.publishedAt !== null && row.publishedAt <= now;
  const settled = row.status === "answered" || row.status === "forwarded";
  return {
    code: row.code,
    title: row.title,
    status: row.status,
    statusLabel: statusLabel(row.status),
    askedOn: formatDate(row.createdAt),
    answeredOn: settled && row.answeredAt ? formatDate(row.answeredAt) : null,
    forwardNote: row.status === "forwarded" ? row.forwardNote : "",
    publicUrl: isPublic ? questionUrl(row.slug!) : null,
  };
}
