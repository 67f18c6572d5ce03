import type { Db, PrismaClient } from "../db.js";
import { HttpError, notFound } from "../errors.js";
import { sanitizeArticleHtml } from "../lib/sanitize.js";
import { uniqueSlug } from "../lib/slug.js";
import type { Clock } from "../lib/vi-time.js";
import { addAttachmentRows, pdfTextOf, withStoredFiles, type CheckedAttachment } from "./attachments.js";
import { recordAudit } from "./audit.js";
import { checkDocumentLinks, replaceDocumentLinks } from "./document-links.js";
import type { Validity } from "./document-validity.js";
import {
  assertCanEditDocument,
  assertCanSetDocumentStatus,
  assertDocumentNotTrashed,
  documentAuditTarget,
  documentSearchText,
  numberKey,
  type DocumentStatus,
} from "./documents.js";
import type { FileStore } from "./file-store.js";
import type { CurrentUser } from "./users.js";

/** One document as the form (or a script) sends it, parsed, NFC-normalised, dates checked. */
export interface DocumentInput {
  number: string;
  title: string;
  typeId: number;
  issuerId: number;
  /** The field (lĩnh vực), `fieldId` in the form; stored as sectorId. */
  fieldId: number | null;
  signer: string;
  issuedOn: string;
  effectiveOn: string | null;
  expiresOn: string | null;
  validity: Validity | null;
  body: string;
  status: DocumentStatus;
  relatedIds: number[];
  replacesIds: number[];
  amendsIds: number[];
}

export interface DocumentActor {
  user: CurrentUser;
  ip: string;
}

export interface SavedDocument {
  id: number;
  slug: string;
  status: string;
}

function fieldError(fields: Record<string, string>): HttpError {
  return new HttpError(422, Object.values(fields).join(" "), fields);
}

export async function findDocument(prisma: Db, id: number) {
  const doc = await prisma.legalDocument.findUnique({ where: { id } });
  if (!doc) throw notFound("Không tìm thấy văn bản.");
  return doc;
}

/** The days in their order: in force on or after the issue day, expiring after it comes into force. */
export function checkDocumentDates(input: Pick<DocumentInput, "issuedOn" | "effectiveOn" | "expiresOn">): Record<string, string> {
  const errors: Record<string, string> = {};
  if (input.effectiveOn && input.effectiveOn < input.issuedOn) {
    errors["effectiveOn"] = "Ngày có hiệu lực không được trước ngày ban hành.";
  }
  const start = input.effectiveOn ?? input.issuedOn;
  if (input.expiresOn && input.expiresOn <= start) {
    errors["expiresOn"] = input.effectiveOn ? "Ngày hết hiệu lực phải sau ngày có hiệu lực." : "Ngày hết hiệu lực phải sau ngày ban hành.";
  }
  return errors;
}

/** The number is unique among documents outside the trash, compared without case, marks or spaces. */
async function numberTaken(db: Db, number: string, selfId: number | null): Promise<string | null> {
  const key = numberKey(number);
  const others = await db.legalDocument.findMany({ where: { deletedAt: null }, select: { id: true, number: true } });
  const same = others.find((d) => d.id !== selfId && numberKey(d.number) === key);
  return same ? `Số ký hiệu “${same.number}” đã có trong một văn bản khác; hãy kiểm tra lại.` : null;
}

async function checkReferences(db: Db, input: DocumentInput): Promise<Record<string, string>> {
  const [type, issuer, sector] = await Promise.all([
    db.documentType.findUnique({ where: { id: input.typeId }, select: { id: true } }),
    db.documentIssuer.findUnique({ where: { id: input.issuerId }, select: { id: true } }),
    input.fieldId ? db.sector.findUnique({ where: { id: input.fieldId }, select: { id: true } }) : null,
  ]);
  const fields: Record<string, string> = {};
  if (!type) fields["typeId"] = "Loại văn bản đã chọn không tồn tại.";
  if (!issuer) fields["issuerId"] = "Cơ quan ban hành đã chọn không tồn tại.";
  if (input.fieldId && !sector) fields["fieldId"] = "Lĩnh vực đã chọn không tồn tại.";
  return fields;
}

/** Every check beyond the form's own, in the save's transaction; all problems at once (422). */
async function checkDocument(db: Db, input: DocumentInput, selfId: number | null): Promise<void> {
  const taken = await numberTaken(db, input.number, selfId);
  const errors = {
    ...(taken ? { number: taken } : {}),
    ...(await checkReferences(db, input)),
    ...checkDocumentDates(input),
    ...(await checkDocumentLinks(db, input, selfId)),
  };
  if (Object.keys(errors).length) throw fieldError(errors);
}

/** From the number and the abstract; kept once the document has been public, so links keep working. */
async function chooseSlug(db: Db, input: DocumentInput, current?: { id: number; slug: string; publishedAt: Date | null }): Promise<string> {
  if (current?.publishedAt) return current.slug;
  const taken = async (slug: string) =>
    Boolean(await db.legalDocument.findFirst({ where: { slug, ...(current ? { id: { not: current.id } } : {}) }, select: { id: true } }));
  return uniqueSlug(`${input.number} ${input.title}`, taken);
}

function documentData(input: DocumentInput, body: string) {
  return {
    number: input.number,
    title: input.title,
    typeId: input.typeId,
    issuerId: input.issuerId,
    sectorId: input.fieldId,
    signer: input.signer,
    issuedOn: input.issuedOn,
    effectiveOn: input.effectiveOn,
    expiresOn: input.expiresOn,
    validity: input.validity,
    body,
    status: input.status,
    searchText: documentSearchText(input),
  };
}

async function auditSave(db: Db, actor: DocumentActor, saved: SavedDocument, input: DocumentInput, before: { status: string } | null, files: number) {
  const base = { userId: actor.user.id, target: documentAuditTarget(saved.id), ip: actor.ip };
  const withFiles = files ? ` (+${files} tệp)` : "";
  await recordAudit(db, { ...base, action: before ? "document.update" : "document.create", detail: `${input.number}${withFiles}` });
  const was = before?.status === "published";
  const is = saved.status === "published";
  if (was !== is) await recordAudit(db, { ...base, action: is ? "document.publish" : "document.unpublish", detail: input.number });
}

const savedSelect = { id: true, slug: true, status: true } as const;

/**
 * A save is one transaction: the checks, the row, its links, its attachment rows and the audit
 * entries. The files' bytes are stored before it and removed again if it fails (withStoredFiles);
 * callers clear caches after it returns.
 */
export async function createDocument(
  prisma: PrismaClient,
  store: FileStore,
  clock: Clock,
  actor: DocumentActor,
  input: DocumentInput,
  files: readonly CheckedAttachment[],
): Promise<SavedDocument> {
  assertCanSetDocumentStatus(actor.user, input.status);
  const body = sanitizeArticleHtml(input.body);
  const fileText = await pdfTextOf(files);
  return withStoredFiles(store, files, () =>
    prisma.$transaction(async (tx) => {
      await checkDocument(tx, input, null);
      const slug = await chooseSlug(tx, input);
      const publishedAt = input.status === "published" ? clock() : null;
      const data = { ...documentData(input, body), slug, fileText, publishedAt, createdById: actor.user.id };
      const saved = await tx.legalDocument.create({ data, select: savedSelect });
      await replaceDocumentLinks(tx, saved.id, input);
      await addAttachmentRows(tx, { type: "document", id: saved.id }, files, actor.user.id);
      await auditSave(tx, actor, saved, input, null, files.length);
      return saved;
    }),
  );
}

export async function updateDocument(
  prisma: PrismaClient,
  store: FileStore,
  clock: Clock,
  actor: DocumentActor,
  id: number,
  input: DocumentInput,
  files: readonly CheckedAttachment[],
): Promise<SavedDocument> {
  const body = sanitizeArticleHtml(input.body);
  const newText = await pdfTextOf(files);
  return withStoredFiles(store, files, () =>
    prisma.$transaction(async (tx) => {
      const before = await findDocument(tx, id);
      assertCanEditDocument(actor.user, before);
      assertDocumentNotTrashed(before);
      assertCanSetDocumentStatus(actor.user, input.status);
      await checkDocument(tx, input, id);
      const slug = await chooseSlug(tx, input, before);
      // The first publication's time stays: re-saving does not move a document up the feed.
      const publishedAt = before.publishedAt ?? (input.status === "published" ? clock() : null);
      const fileText = [before.fileText, newText].filter(Boolean).join(" ");
      const saved = await tx.legalDocument.update({ where: { id }, data: { ...documentData(input, body), slug, fileText, publishedAt }, select: savedSelect });
      await replaceDocumentLinks(tx, id, input);
      await addAttachmentRows(tx, { type: "document", id }, files, actor.user.id);
      await auditSave(tx, actor, saved, input, before, files.length);
      return saved;
    }),
  );
}
