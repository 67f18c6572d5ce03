import type { PrismaClient } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import { paginateWithin, type Page } from "../lib/pagination.js";
import { formatStamp, type Clock } from "../lib/vi-time.js";
import { isEditor } from "./article-access.js";
import { listAttachments, type AttachmentView } from "./attachments.js";
import { linkIdsOf } from "./document-links.js";
import { validityBadge } from "./document-validity.js";
import { findDocument } from "./documents-admin.js";
import { dayLabel } from "./documents-public.js";
import {
  assertCanEditDocument,
  assertDocumentNotTrashed,
  DOCUMENT_STATUS_LABELS,
  documentTerms,
  documentTermsWhere,
  documentUrl,
  type DocumentStatus,
} from "./documents.js";
import { listEntries, type TaxonomyEntry } from "./taxonomy.js";
import type { CurrentUser } from "./users.js";

const PAGE_SIZE = 20;

export const ADMIN_VIEWS = ["draft", "published", "trash"] as const;
export type AdminDocumentView = (typeof ADMIN_VIEWS)[number];

export interface AdminDocumentFilters {
  status?: AdminDocumentView | undefined;
  typeId?: number | undefined;
  q?: string | undefined;
  trang: number;
}

function viewWhere(view: AdminDocumentView | undefined): Prisma.LegalDocumentWhereInput {
  if (view === "trash") return { deletedAt: { not: null } };
  return view ? { deletedAt: null, status: view } : { deletedAt: null };
}

/** An author sees their own documents; editors everything. */
const ownWhere = (user: CurrentUser): Prisma.LegalDocumentWhereInput => (isEditor(user) ? {} : { createdById: user.id });

/** The staff list, most recently changed first. */
export async function listAdminDocuments(prisma: PrismaClient, clock: Clock, user: CurrentUser, filters: AdminDocumentFilters) {
  const and: Prisma.LegalDocumentWhereInput[] = [viewWhere(filters.status), ownWhere(user)];
  if (filters.typeId) and.push({ typeId: filters.typeId });
  const terms = filters.q ? documentTerms(filters.q) : [];
  if (terms.length) and.push(documentTermsWhere(terms));
  const where = { AND: and };
  const total = await prisma.legalDocument.count({ where });
  const page: Page = paginateWithin(filters.trang, PAGE_SIZE, total);
  const rows = await prisma.legalDocument.findMany({
    where,
    include: { type: { select: { name: true } }, issuer: { select: { name: true } } },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    skip: page.skip,
    take: PAGE_SIZE,
  });
  const now = clock();
  const documents = rows.map((row) => {
    const status = row.deletedAt ? "trash" : (row.status as DocumentStatus);
    return {
      id: row.id,
      number: row.number,
      title: row.title,
      typeName: row.type.name,
      issuerName: row.issuer.name,
      issuedOnLabel: dayLabel(row.issuedOn),
      status,
      statusLabel: DOCUMENT_STATUS_LABELS[status] ?? row.status,
      ...validityBadge(row, now),
      updated: formatStamp(row.updatedAt),
      publicUrl: status === "published" ? documentUrl(row.slug) : null,
      canEdit: isEditor(user) || (row.createdById === user.id && row.status !== "published"),
    };
  });
  return { documents, page };
}

/** How many documents each tab holds. */
export async function countDocumentViews(prisma: PrismaClient, user: CurrentUser): Promise<Record<AdminDocumentView | "all", number>> {
  const [all, ...counts] = await Promise.all(
    [undefined, ...ADMIN_VIEWS].map((view) => prisma.legalDocument.count({ where: { AND: [viewWhere(view), ownWhere(user)] } })),
  );
  return { all: all!, ...Object.fromEntries(ADMIN_VIEWS.map((view, i) => [view, counts[i]!])) } as Record<AdminDocumentView | "all", number>;
}

export interface DocumentFormChoices {
  types: TaxonomyEntry[];
  issuers: TaxonomyEntry[];
  sectors: TaxonomyEntry[];
  /** Documents this one may link to: every one outside the trash but itself, newest first. */
  others: { id: number; number: string; title: string }[];
}

export async function documentFormChoices(prisma: PrismaClient, selfId: number | null): Promise<DocumentFormChoices> {
  const [types, issuers, sectors, others] = await Promise.all([
    listEntries(prisma, "documentType"),
    listEntries(prisma, "documentIssuer"),
    listEntries(prisma, "sector"),
    prisma.legalDocument.findMany({
      where: { deletedAt: null, ...(selfId ? { id: { not: selfId } } : {}) },
      select: { id: true, number: true, title: true },
      orderBy: [{ issuedOn: "desc" }, { id: "desc" }],
    }),
  ]);
  return { types, issuers, sectors, others };
}

/** The form's values as the inputs show them. */
export interface DocumentFormValues {
  number: string;
  title: string;
  typeId: string;
  issuerId: string;
  fieldId: string;
  signer: string;
  issuedOn: string;
  effectiveOn: string;
  expiresOn: string;
  validity: string;
  body: string;
  status: string;
  relatedIds: number[];
  replacesIds: number[];
  amendsIds: number[];
}

export interface DocumentForEdit {
  id: number;
  status: string;
  statusLabel: string;
  validityLabel: string;
  publicUrl: string | null;
  attachments: AttachmentView[];
  values: DocumentFormValues;
}

/** A document opened for editing, after checking this user may edit it. */
export async function getDocumentForEdit(prisma: PrismaClient, clock: Clock, user: CurrentUser, id: number): Promise<DocumentForEdit> {
  const row = await findDocument(prisma, id);
  assertCanEditDocument(user, row);
  assertDocumentNotTrashed(row);
  const [links, files] = await Promise.all([linkIdsOf(prisma, id), listAttachments(prisma, "document", [id])]);
  const values: DocumentFormValues = {
    number: row.number,
    title: row.title,
    typeId: String(row.typeId),
    issuerId: String(row.issuerId),
    fieldId: row.sectorId ? String(row.sectorId) : "",
    signer: row.signer,
    issuedOn: row.issuedOn,
    effectiveOn: row.effectiveOn ?? "",
    expiresOn: row.expiresOn ?? "",
    validity: row.validity ?? "",
    body: row.body,
    status: row.status,
    ...links,
  };
  return {
    id,
    status: row.status,
    statusLabel: DOCUMENT_STATUS_LABELS[row.status as DocumentStatus] ?? row.status,
    validityLabel: validityBadge(row, clock()).validityLabel,
    publicUrl: row.status === "published" ? documentUrl(row.slug) : null,
    attachments: files.get(id) ?? [],
    values,
  };
}
