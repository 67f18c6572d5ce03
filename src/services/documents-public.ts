import type { PrismaClient } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import { notFound } from "../errors.js";
import { paginate, type Page } from "../lib/pagination.js";
import { vnDayStart } from "../lib/vi-time.js";
import { listAttachments, type AttachmentView } from "./attachments.js";
import { linkGroupsOf, type LinkGroup } from "./document-links.js";
import { validityBadge, validityWhere, type Validity } from "./document-validity.js";
import { documentTermsWhere, documentUrl, publicDocumentWhere } from "./documents.js";
import type { SectionSearch } from "./section-search.js";

export { documentUrl } from "./documents.js";

export const DOCUMENTS_PAGE_SIZE = 20;

/** "2024-05-12" → "12/05/2024", as dates read on the site. */
export const dayLabel = (key: string | null) => (key ? `${key.slice(8, 10)}/${key.slice(5, 7)}/${key.slice(0, 4)}` : "");

/** The list's filters, already checked: ids of known entries, valid days. */
export interface DocumentFilters {
  terms: string[];
  typeId?: number | undefined;
  issuerId?: number | undefined;
  sectorId?: number | undefined;
  year?: number | undefined;
  validity?: Validity | undefined;
  /** Issue days, both ends included ("yyyy-MM-dd"). */
  from?: string | undefined;
  until?: string | undefined;
}

/** The `where` of the public list: every filter given, the validity by the same rule as the badges. */
export function documentListWhere(filters: DocumentFilters, now: Date): Prisma.LegalDocumentWhereInput {
  const and: Prisma.LegalDocumentWhereInput[] = [publicDocumentWhere];
  if (filters.terms.length) and.push(documentTermsWhere(filters.terms));
  if (filters.typeId) and.push({ typeId: filters.typeId });
  if (filters.issuerId) and.push({ issuerId: filters.issuerId });
  if (filters.sectorId) and.push({ sectorId: filters.sectorId });
  if (filters.year) and.push({ issuedOn: { gte: `${filters.year}-01-01`, lte: `${filters.year}-12-31` } });
  if (filters.validity) and.push(validityWhere(filters.validity, now));
  if (filters.from) and.push({ issuedOn: { gte: filters.from } });
  if (filters.until) and.push({ issuedOn: { lte: filters.until } });
  return { AND: and };
}

const rowInclude = { type: { select: { name: true } }, issuer: { select: { name: true } }, sector: { select: { name: true } } } as const;
type ListedRow = Prisma.LegalDocumentGetPayload<{ include: typeof rowInclude }>;

export interface DocumentRow {
  id: number;
  number: string;
  title: string;
  url: string;
  typeName: string;
  issuerName: string;
  issuedOn: string;
  issuedOnLabel: string;
  validity: Validity;
  validityLabel: string;
}

function rowView(row: ListedRow, now: Date): DocumentRow {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    url: documentUrl(row.slug),
    typeName: row.type.name,
    issuerName: row.issuer.name,
    issuedOn: row.issuedOn,
    issuedOnLabel: dayLabel(row.issuedOn),
    ...validityBadge(row, now),
  };
}

/** One page of the public list, newest issue first. */
export async function listPublicDocuments(prisma: PrismaClient, now: Date, filters: DocumentFilters, pageNumber: number) {
  const where = documentListWhere(filters, now);
  const total = await prisma.legalDocument.count({ where });
  const page: Page = paginate(pageNumber, DOCUMENTS_PAGE_SIZE, total);
  const rows = await prisma.legalDocument.findMany({
    where,
    include: rowInclude,
    orderBy: [{ issuedOn: "desc" }, { id: "desc" }],
    skip: page.skip,
    take: DOCUMENTS_PAGE_SIZE,
  });
  return { documents: rows.map((r) => rowView(r, now)), page };
}

/** The years the year filter offers: those of the public documents, newest first. */
export async function documentYears(prisma: PrismaClient): Promise<number[]> {
  const rows = await prisma.legalDocument.findMany({ where: publicDocumentWhere, select: { issuedOn: true }, distinct: ["issuedOn"] });
  return [...new Set(rows.map((r) => Number(r.issuedOn.slice(0, 4))))].sort((a, b) => b - a);
}

export interface DocumentPage extends DocumentRow {
  slug: string;
  sectorName: string | null;
  signer: string;
  effectiveOnLabel: string;
  expiresOnLabel: string;
  body: string;
  publishedAt: Date | null;
  updatedAt: Date;
  links: LinkGroup[];
  attachments: AttachmentView[];
}

/** A published document's page: every field, its links both ways and its files. */
export async function getPublicDocument(prisma: PrismaClient, now: Date, slug: string): Promise<DocumentPage> {
  const row = await prisma.legalDocument.findFirst({ where: { slug, ...publicDocumentWhere }, include: rowInclude });
  if (!row) throw notFound("Không tìm thấy văn bản này, hoặc văn bản chưa được đăng.");
  const [links, files] = await Promise.all([linkGroupsOf(prisma, row.id), listAttachments(prisma, "document", [row.id])]);
  return {
    ...rowView(row, now),
    slug: row.slug,
    sectorName: row.sector?.name ?? null,
    signer: row.signer,
    effectiveOnLabel: dayLabel(row.effectiveOn),
    expiresOnLabel: dayLabel(row.expiresOn),
    body: row.body,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    links,
    attachments: files.get(row.id) ?? [],
  };
}

/** The site search (/tim-kiem?loai=van-ban): public documents matching every term, newest issue first. */
export const searchDocuments: SectionSearch = async (prisma, now, terms, skip, take) => {
  const where = { AND: [publicDocumentWhere, documentTermsWhere(terms)] };
  const [total, rows] = await Promise.all([
    prisma.legalDocument.count({ where }),
    prisma.legalDocument.findMany({ where, include: rowInclude, orderBy: [{ issuedOn: "desc" }, { id: "desc" }], skip, take }),
  ]);
  const hits = rows.map((row) => {
    const view = rowView(row, now);
    return {
      title: row.title,
      url: view.url,
      text: `${view.typeName} số ${row.number} của ${view.issuerName}, ban hành ngày ${view.issuedOnLabel}. ${view.validityLabel}.`,
      date: vnDayStart(row.issuedOn),
      label: row.number,
    };
  });
  return { total, hits };
};

/** Every public document for the sitemap: its path and when it last changed. */
export async function documentSitemapEntries(prisma: PrismaClient, _now: Date): Promise<{ path: string; lastmod: Date }[]> {
  const rows = await prisma.legalDocument.findMany({
    where: publicDocumentWhere,
    select: { slug: true, updatedAt: true },
    orderBy: [{ issuedOn: "desc" }, { id: "desc" }],
  });
  return rows.map((r) => ({ path: documentUrl(r.slug), lastmod: r.updatedAt }));
}

/** Published documents for another section's select (a procedure's legal basis), newest first. */
export async function listDocumentChoices(prisma: PrismaClient): Promise<{ id: number; number: string; title: string }[]> {
  return prisma.legalDocument.findMany({
    where: publicDocumentWhere,
    select: { id: true, number: true, title: true },
    orderBy: [{ issuedOn: "desc" }, { id: "desc" }],
  });
}
