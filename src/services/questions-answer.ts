import type { Db, PrismaClient } from "../db.js";
import { conflict, invalid, notFound } from "../errors.js";
import { htmlToText } from "../lib/html-text.js";
import { sanitizeArticleHtml } from "../lib/sanitize.js";
import { slugify, uniqueSlug } from "../lib/slug.js";
import { addAttachmentRows, removeAttachmentRows, withStoredFiles, type CheckedAttachment } from "./attachments.js";
import { recordAudit, type Actor } from "./audit.js";
import type { FileStore } from "./file-store.js";
import { isOpen, QUESTION_STATUS_LABELS, questionSearchText, questionUrl, RESERVED_SLUGS, type QuestionStatus } from "./questions.js";

/** The answer form, checked for shape by the route's schema. */
export interface AnswerInput {
  /** HTML from the editor; sanitised here. */
  answer: string;
  answeredBy: string;
  status: QuestionStatus;
  forwardNote: string;
  published: boolean;
}

export interface AnswerOptions {
  /** Who answers when the form leaves it blank: the managing unit's name. */
  defaultUnit: string;
  /** Where the answer's attachment is stored. */
  store: FileStore;
  /** A new attachment for the answer (checked by its bytes): it replaces the one there was. */
  file?: CheckedAttachment;
  /** Removes the answer's attachment without a new one. */
  removeFile?: boolean;
}

export interface SavedQuestion {
  id: number;
  url: string;
  publicUrl?: string;
}

export const adminQuestionUrl = (id: number) => `/admin/questions/${id}`;

const PUBLISH_NEEDS =
  "Chỉ công khai được câu hỏi đã có câu trả lời (trạng thái «Đã trả lời») hoặc đã chuyển cơ quan khác kèm ghi chú chuyển (trạng thái «Không thuộc thẩm quyền»).";

/** Every rule the form cannot check alone, reported together beside their fields. */
function checkAnswer(input: AnswerInput, answerText: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (input.status === "answered" && !answerText) errors["answer"] = "Vui lòng nhập câu trả lời trước khi chọn trạng thái «Đã trả lời».";
  if (input.status === "forwarded" && !input.forwardNote) {
    errors["forwardNote"] = "Vui lòng ghi cơ quan có thẩm quyền giải quyết (ghi chú chuyển) khi chọn «Không thuộc thẩm quyền».";
  }
  const publishable = (input.status === "answered" && answerText) || (input.status === "forwarded" && input.forwardNote);
  if (input.published && !publishable) errors["published"] = PUBLISH_NEEDS;
  return errors;
}

async function slugFor(tx: Db, id: number, title: string): Promise<string> {
  const base = slugify(title) ? title : `cau hoi ${id}`;
  return uniqueSlug(base, async (slug) => RESERVED_SLUGS.has(slug) || (await tx.question.count({ where: { slug } })) > 0);
}

/**
 * Saves the answer, the status and whether the question is public, with its audit entry, in one
 * transaction. The answered time is set when the question leaves the open statuses and cleared
 * if it goes back; the address is made from the title at the first publication and kept after.
 */
export async function answerQuestion(
  prisma: PrismaClient,
  now: Date,
  actor: Actor,
  id: number,
  input: AnswerInput,
  options: AnswerOptions,
): Promise<SavedQuestion> {
  const answer = sanitizeArticleHtml(input.answer);
  const answerText = htmlToText(answer);
  const files = options.file ? [options.file] : [];
  let oldKeys: string[] = [];
  // The new file's bytes are stored first and removed again if the save fails; the old file's
  // bytes are deleted only once its row is gone for good (after the commit).
  const saved = await withStoredFiles(options.store, files, () => prisma.$transaction(async (tx) => {
    const found = await tx.question.findUnique({ where: { id } });
    if (!found) throw notFound("Không tìm thấy câu hỏi này.");
    if (found.deletedAt) throw conflict("Câu hỏi đang nằm trong thùng rác. Hãy khôi phục trước khi trả lời.");
    const errors = checkAnswer(input, answerText);
    if (Object.keys(errors).length) throw invalid(errors);

    const settled = !isOpen(input.status);
    const newlySettled = settled && (isOpen(found.status) || !found.answeredAt);
    const answerChanged = answer !== found.answer || input.forwardNote !== found.forwardNote;
    // Who answered is whoever settled the question or last changed what it says.
    const answeredById = !settled ? null : newlySettled || answerChanged ? actor.userId : found.answeredById;
    const slug = input.published && !found.slug ? await slugFor(tx, id, found.title) : found.slug;
    const updated = await tx.question.update({
      where: { id },
      data: {
        answer,
        answeredBy: input.answeredBy || (settled ? options.defaultUnit : ""),
        status: input.status,
        forwardNote: input.forwardNote,
        answeredAt: !settled ? null : newlySettled ? now : found.answeredAt,
        answeredById,
        published: input.published,
        publishedAt: input.published ? (found.publishedAt ?? now) : found.publishedAt,
        slug,
        searchText: questionSearchText({ title: found.title, question: found.question, answer, forwardNote: input.forwardNote }),
      },
    });
    let fileNote: string | null = null;
    if (options.file || options.removeFile) {
      oldKeys = await removeAttachmentRows(tx, { owner: { type: "answer", id } });
      await addAttachmentRows(tx, { type: "answer", id }, files, actor.userId);
      fileNote = options.file ? `tệp đính kèm: ${options.file.originalName}` : oldKeys.length ? "bỏ tệp đính kèm" : null;
    }

    const changes: string[] = [];
    if (found.status !== input.status) changes.push(`trạng thái: ${QUESTION_STATUS_LABELS[found.status as QuestionStatus] ?? found.status} → ${QUESTION_STATUS_LABELS[input.status]}`);
    if (answer !== found.answer) changes.push("sửa câu trả lời");
    if (input.forwardNote !== found.forwardNote) changes.push("sửa ghi chú chuyển");
    if (found.published !== input.published) changes.push(input.published ? "công khai" : "thôi công khai");
    if (fileNote) changes.push(fileNote);
    const action = found.published !== input.published ? (input.published ? "question.publish" : "question.unpublish") : "question.answer";
    if (changes.length) {
      await recordAudit(tx, { userId: actor.userId, ip: actor.ip, action, target: `${found.code}: ${found.title}`, detail: changes.join("; ") });
    }
    return { id, url: adminQuestionUrl(id), ...(updated.published && updated.slug ? { publicUrl: questionUrl(updated.slug) } : {}) };
  }));
  await options.store.delete(...oldKeys);
  return saved;
}

/** Out of public view and out of the list at once; back with restore. */
export async function trashQuestion(prisma: PrismaClient, now: Date, actor: Actor, id: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const found = await tx.question.findUnique({ where: { id }, select: { code: true, title: true, deletedAt: true } });
    if (!found) throw notFound("Không tìm thấy câu hỏi này.");
    if (found.deletedAt) return;
    await tx.question.update({ where: { id }, data: { deletedAt: now } });
    await recordAudit(tx, { userId: actor.userId, ip: actor.ip, action: "question.trash", target: `${found.code}: ${found.title}` });
  });
}

export async function restoreQuestion(prisma: PrismaClient, actor: Actor, id: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const found = await tx.question.findUnique({ where: { id }, select: { code: true, title: true, deletedAt: true } });
    if (!found) throw notFound("Không tìm thấy câu hỏi này.");
    if (!found.deletedAt) return;
    await tx.question.update({ where: { id }, data: { deletedAt: null } });
    await recordAudit(tx, { userId: actor.userId, ip: actor.ip, action: "question.restore", target: `${found.code}: ${found.title}` });
  });
}
