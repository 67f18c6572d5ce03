import crypto from "node:crypto";
import type { PrismaClient } from "../../src/db.js";
import { documentSearchText } from "../../src/services/documents.js";

const unique = () => crypto.randomBytes(4).toString("hex");

/** A document type, an issuing body and a field, each with a unique name and slug. */
export async function buildDocumentLists(prisma: PrismaClient, names: { type?: string; issuer?: string; sector?: string } = {}) {
  const id = unique();
  const [type, issuer, sector] = await Promise.all([
    prisma.documentType.create({ data: { name: names.type ?? `Loại ${id}`, slug: `loai-${id}`, position: 100 } }),
    prisma.documentIssuer.create({ data: { name: names.issuer ?? `Cơ quan ${id}`, slug: `co-quan-${id}`, position: 100 } }),
    prisma.sector.create({ data: { name: names.sector ?? `Lĩnh vực ${id}`, slug: `linh-vuc-${id}`, position: 100 } }),
  ]);
  return { type, issuer, sector };
}

export interface DocumentOverrides {
  number?: string;
  title?: string;
  slug?: string;
  typeId: number;
  issuerId: number;
  sectorId?: number | null;
  signer?: string;
  issuedOn?: string;
  effectiveOn?: string | null;
  expiresOn?: string | null;
  validity?: string | null;
  status?: "draft" | "published";
  createdById?: number | null;
  deletedAt?: Date | null;
  publishedAt?: Date | null;
}

/** A published document (written straight to the database, search text included). */
export async function buildDocument(prisma: PrismaClient, data: DocumentOverrides) {
  const id = unique();
  const number = data.number ?? `${id}/2024/QĐ-UBND`;
  const title = data.title ?? `Văn bản thử ${id}`;
  const signer = data.signer ?? "";
  const status = data.status ?? "published";
  return prisma.legalDocument.create({
    data: {
      number,
      title,
      slug: data.slug ?? `van-ban-${id}`,
      typeId: data.typeId,
      issuerId: data.issuerId,
      sectorId: data.sectorId ?? null,
      signer,
      issuedOn: data.issuedOn ?? "2024-05-12",
      effectiveOn: data.effectiveOn ?? null,
      expiresOn: data.expiresOn ?? null,
      validity: data.validity ?? null,
      status,
      publishedAt: data.publishedAt === undefined ? (status === "published" ? new Date() : null) : data.publishedAt,
      searchText: documentSearchText({ number, title, signer }),
      createdById: data.createdById ?? null,
      deletedAt: data.deletedAt ?? null,
    },
  });
}
