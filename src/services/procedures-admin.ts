import type { Db, PrismaClient } from "../db.js";
import { conflict, forbidden, HttpError, notFound } from "../errors.js";
import { sanitizeArticleHtml } from "../lib/sanitize.js";
import { uniqueSlug } from "../lib/slug.js";
import type { Clock } from "../lib/vi-time.js";
import { isEditor } from "./article-access.js";
import { removeAttachmentRows } from "./attachments.js";
import { recordAudit } from "./audit.js";
import {
  assertCanEditProcedure,
  assertCanSetProcedureStatus,
  assertProcedureNotTrashed,
  procedureSearchText,
  type OnlineLevel,
  type ProcedureLevel,
  type ProcedureStatus,
} from "./procedures.js";
import type { CurrentUser } from "./users.js";

/** One procedure as the form (or a script) sends it, already parsed and NFC-normalised. */
export interface ProcedureInput {
  code: string;
  name: string;
  fieldId: number | null;
  level: ProcedureLevel;
  processingTime: string;
  fee: string;
  place: string;
  requirements: string;
  steps: string;
  legalBasisIds: number[];
  onlineUrl: string;
  onlineLevel: OnlineLevel;
  status: ProcedureStatus;
}

/** Who is acting, for permissions and the audit log. */
export interface ProcedureActor {
  user: CurrentUser;
  ip: string;
}

export interface SavedProcedure {
  id: number;
  slug: string;
  status: string;
}

const fieldError = (fields: Record<string, string>) => new HttpError(422, Object.values(fields).join(" "), fields);
const target = (id: number) => `thủ tục #${id}`;

// Text with one of these tags is HTML; "<mẫu 01>" in a line of text is not.
const HTML_TAG = /<\/?(?:p|br|ul|ol|li|h[1-6]|strong|b|em|i|u|s|a|table|tr|td|th|div|span|blockquote|figure)\b[^>]*>/i;
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Papers and steps are lists on the national portal. Staff may paste HTML, or type one item per
 * line with no tags at all, which becomes a list (numbered for the steps); either way only the
 * allow-listed tags are kept.
 */
export function procedureHtml(text: string, ordered: boolean): string {
  if (HTML_TAG.test(text)) return sanitizeArticleHtml(text);
  const items = text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•+]|\d+[.)])\s*/, "").trim())
    .filter(Boolean);
  if (!items.length) return "";
  const tag = ordered ? "ol" : "ul";
  return sanitizeArticleHtml(`<${tag}>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</${tag}>`);
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#34;": '"', "&#38;": "&", "&#60;": "<", "&#62;": ">", "&#39;": "'" };

/**
 * The other way, for the edit form: a plain list (items of text only, as procedureHtml makes from
 * lines) is shown again as one item per line; anything richer stays HTML.
 */
export function procedureText(html: string): string {
  const list = /^<(ul|ol)>((?:<li>[^<]*<\/li>)*)<\/\1>$/.exec(html);
  if (!list) return html;
  return [...list[2]!.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]!.replace(/&(?:amp|lt|gt|quot|#34|#38|#60|#62|#39);/g, (e) => ENTITIES[e]!)).join("\n");
}

/** Field, legal basis and code are checked inside the write's transaction, with the rows it writes. */
async function checkReferences(tx: Db, input: ProcedureInput, id?: number): Promise<string | null> {
  const [sector, documents, sameCode] = await Promise.all([
    input.fieldId ? tx.sector.findUnique({ where: { id: input.fieldId }, select: { name: true } }) : null,
    tx.legalDocument.findMany({ where: { id: { in: input.legalBasisIds }, deletedAt: null }, select: { id: true } }),
    tx.procedure.findFirst({ where: { code: input.code, deletedAt: null, ...(id ? { id: { not: id } } : {}) }, select: { name: true } }),
  ]);
  const fields: Record<string, string> = {};
  if (sameCode) fields["code"] = `Mã thủ tục ${input.code} đã được dùng cho thủ tục «${sameCode.name}»; mỗi mã chỉ dùng cho một thủ tục.`;
  if (input.fieldId && !sector) fields["fieldId"] = "Lĩnh vực đã chọn không tồn tại; hãy chọn lại trong danh sách.";
  const found = new Set(documents.map((d) => d.id));
  const missing = input.legalBasisIds.filter((d) => !found.has(d));
  if (missing.length) fields["legalBasisIds"] = `Không có văn bản số ${missing.join(", ")} trong mục Văn bản; hãy chọn lại căn cứ pháp lý.`;
  if (Object.keys(fields).length) throw fieldError(fields);
  return sector?.name ?? null;
}

function procedureData(input: ProcedureInput, html: { requirements: string; steps: string }, sectorName: string | null) {
  return {
    code: input.code,
    name: input.name,
    sectorId: input.fieldId,
    level: input.level,
    processingTime: input.processingTime,
    fee: input.fee,
    place: input.place,
    requirements: html.requirements,
    steps: html.steps,
    onlineUrl: input.onlineUrl,
    onlineLevel: input.onlineLevel,
    status: input.status,
    searchText: procedureSearchText(input, sectorName),
    legalBasis: { create: input.legalBasisIds.map((documentId, position) => ({ documentId, position })) },
  };
}

const isSlugTaken = (tx: Db, id?: number) => async (slug: string) =>
  Boolean(await tx.procedure.findFirst({ where: { slug, ...(id ? { id: { not: id } } : {}) }, select: { id: true } }));

async function auditSave(tx: Db, actor: ProcedureActor, saved: SavedProcedure, name: string, before: string | null) {
  const entry = (action: string) => recordAudit(tx, { userId: actor.user.id, action, target: target(saved.id), detail: name, ip: actor.ip });
  await entry(before === null ? "procedure.create" : "procedure.update");
  if ((before === "published") !== (saved.status === "published")) {
    await entry(saved.status === "published" ? "procedure.publish" : "procedure.unpublish");
  }
}

const savedSelect = { id: true, slug: true, status: true } as const;

// HTML is cleaned before the transaction starts: the database waits for no one's markup.
const cleanHtml = (input: ProcedureInput) => ({ requirements: procedureHtml(input.requirements, false), steps: procedureHtml(input.steps, true) });

/**
 * Every write is one transaction: the checks, the procedure with its legal basis, the rows its
 * `also` step adds (its forms) and the audit entries commit together or not at all.
 */
export async function createProcedure(
  prisma: PrismaClient,
  clock: Clock,
  actor: ProcedureActor,
  input: ProcedureInput,
  also: (tx: Db, id: number) => Promise<void> = async () => {},
): Promise<SavedProcedure> {
  assertCanSetProcedureStatus(actor.user, input.status);
  const html = cleanHtml(input);
  return prisma.$transaction(async (tx) => {
    const sectorName = await checkReferences(tx, input);
    const slug = await uniqueSlug(input.name, isSlugTaken(tx));
    const publishedAt = input.status === "published" ? clock() : null;
    const saved = await tx.procedure.create({
      data: { ...procedureData(input, html, sectorName), slug, publishedAt, createdById: actor.user.id },
      select: savedSelect,
    });
    await also(tx, saved.id);
    await auditSave(tx, actor, saved, input.name, null);
    return saved;
  });
}

export async function findProcedure(prisma: Db | PrismaClient, id: number) {
  const procedure = await prisma.procedure.findUnique({ where: { id } });
  if (!procedure) throw notFound("Không tìm thấy thủ tục hành chính này.");
  return procedure;
}

export async function updateProcedure(
  prisma: PrismaClient,
  clock: Clock,
  actor: ProcedureActor,
  id: number,
  input: ProcedureInput,
  also: (tx: Db, id: number) => Promise<void> = async () => {},
): Promise<SavedProcedure> {
  const html = cleanHtml(input);
  return prisma.$transaction(async (tx) => {
    const before = await findProcedure(tx, id);
    assertCanEditProcedure(actor.user, before);
    assertProcedureNotTrashed(before);
    assertCanSetProcedureStatus(actor.user, input.status);
    const sectorName = await checkReferences(tx, input, id);
    // A procedure never published follows its name; once public its address stays, so links keep working.
    const slug = before.publishedAt ? before.slug : await uniqueSlug(input.name, isSlugTaken(tx, id));
    // The first publication's date stays: re-publishing after a correction does not make it "new" in the feed.
    const publishedAt = input.status === "published" ? (before.publishedAt ?? clock()) : before.publishedAt;
    await tx.procedureLegalBasis.deleteMany({ where: { procedureId: id } });
    const saved = await tx.procedure.update({ where: { id }, data: { ...procedureData(input, html, sectorName), slug, publishedAt }, select: savedSelect });
    await also(tx, id);
    await auditSave(tx, actor, saved, input.name, before.status);
    return saved;
  });
}

/** Out of public view at once, kept until an editor empties it from the trash. */
export async function trashProcedure(prisma: PrismaClient, clock: Clock, actor: ProcedureActor, id: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const procedure = await findProcedure(tx, id);
    assertCanEditProcedure(actor.user, procedure);
    if (procedure.deletedAt) return;
    await tx.procedure.update({ where: { id }, data: { deletedAt: clock() } });
    await recordAudit(tx, { userId: actor.user.id, action: "procedure.trash", target: target(id), detail: procedure.name, ip: actor.ip });
  });
}

/** Back as it was; refused (409) when another live procedure has taken its code meanwhile. */
export async function restoreProcedure(prisma: PrismaClient, actor: ProcedureActor, id: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const procedure = await findProcedure(tx, id);
    assertCanEditProcedure(actor.user, procedure);
    if (!procedure.deletedAt) return;
    const taken = await tx.procedure.findFirst({ where: { code: procedure.code, deletedAt: null, id: { not: id } }, select: { name: true } });
    if (taken) {
      throw conflict(`Không khôi phục được: mã ${procedure.code} đang được dùng cho thủ tục «${taken.name}». Hãy đổi mã của một trong hai thủ tục trước.`);
    }
    await tx.procedure.update({ where: { id }, data: { deletedAt: null } });
    await recordAudit(tx, { userId: actor.user.id, action: "procedure.restore", target: target(id), detail: procedure.name, ip: actor.ip });
  });
}

/**
 * Permanent, so only editors and only from the trash. The legal-basis links go with it (ON DELETE
 * CASCADE); its form rows are deleted here and their keys returned, for the caller to remove the
 * stored files once the transaction has committed.
 */
export async function deleteProcedure(prisma: PrismaClient, actor: ProcedureActor, id: number): Promise<string[]> {
  if (!isEditor(actor.user)) throw forbidden("Chỉ biên tập viên hoặc quản trị viên mới được xoá vĩnh viễn thủ tục.");
  return prisma.$transaction(async (tx) => {
    const procedure = await findProcedure(tx, id);
    if (!procedure.deletedAt) throw conflict("Chỉ xoá vĩnh viễn được thủ tục đã nằm trong thùng rác. Hãy chuyển thủ tục vào thùng rác trước.");
    const keys = await removeAttachmentRows(tx, { owner: { type: "procedure", id } });
    await tx.procedure.delete({ where: { id } });
    await recordAudit(tx, { userId: actor.user.id, action: "procedure.delete", target: target(id), detail: procedure.name, ip: actor.ip });
    return keys;
  });
}

/** The folded sector name in each procedure's searchText kept in step: for the sector admin to call after a rename. */
export async function refreshProcedureSearchText(db: Db | PrismaClient, sectorId: number): Promise<void> {
  const rows = await db.procedure.findMany({ where: { sectorId }, select: { id: true, code: true, name: true, place: true, sector: { select: { name: true } } } });
  for (const row of rows) {
    await db.procedure.update({ where: { id: row.id }, data: { searchText: procedureSearchText(row, row.sector?.name ?? null) } });
  }
}
