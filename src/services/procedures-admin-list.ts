import type { PrismaClient } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import { paginateWithin } from "../lib/pagination.js";
import { parseSearchQuery } from "../lib/search-terms.js";
import { formatStamp } from "../lib/vi-time.js";
import { isEditor } from "./article-access.js";
import { findProcedure, procedureText, type ProcedureInput } from "./procedures-admin.js";
import {
  assertCanEditProcedure,
  assertProcedureNotTrashed,
  levelLabel,
  PROCEDURE_STATUS_LABELS,
  procedureUrl,
  type ProcedureStatus,
} from "./procedures.js";
import { listDocumentChoices } from "./documents-public.js";
import { everyTermIn } from "./section-search.js";
import type { CurrentUser } from "./users.js";

const PAGE_SIZE = 20;

export type ProcedureView = ProcedureStatus | "trash";

export interface ProcedureListFilters {
  status?: ProcedureView | undefined;
  fieldId?: number | undefined;
  level?: string | undefined;
  q?: string | undefined;
  trang: number;
}

function viewWhere(view: ProcedureView | undefined): Prisma.ProcedureWhereInput {
  if (view === "trash") return { deletedAt: { not: null } };
  return view ? { deletedAt: null, status: view } : { deletedAt: null };
}

const ownWhere = (user: CurrentUser): Prisma.ProcedureWhereInput => (isEditor(user) ? {} : { createdById: user.id });

/** The staff list: every procedure for editors, an author's own for authors; code and name searched folded. */
export async function listAdminProcedures(prisma: PrismaClient, user: CurrentUser, filters: ProcedureListFilters) {
  const conditions: Prisma.ProcedureWhereInput[] = [viewWhere(filters.status), ownWhere(user)];
  if (filters.fieldId) conditions.push({ sectorId: filters.fieldId });
  if (filters.level) conditions.push({ level: filters.level });
  const terms = parseSearchQuery(filters.q ?? "").terms;
  if (terms.length) conditions.push(everyTermIn(terms));
  const where = { AND: conditions };
  const total = await prisma.procedure.count({ where });
  const page = paginateWithin(filters.trang, PAGE_SIZE, total);
  const rows = await prisma.procedure.findMany({
    where,
    include: { sector: { select: { name: true } } },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    skip: page.skip,
    take: PAGE_SIZE,
  });
  const procedures = rows.map((row) => {
    const status: ProcedureView = row.deletedAt ? "trash" : row.status === "published" ? "published" : "draft";
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      sector: row.sector?.name ?? null,
      level: levelLabel(row.level),
      status,
      statusLabel: PROCEDURE_STATUS_LABELS[status],
      updated: formatStamp(row.updatedAt),
      updatedIso: row.updatedAt.toISOString(),
      publicUrl: status === "published" ? procedureUrl(row.slug) : null,
      canEdit: isEditor(user) || (row.createdById === user.id && row.status !== "published"),
    };
  });
  return { procedures, page };
}

/** How many procedures each tab holds. */
export async function countProcedureViews(prisma: PrismaClient, user: CurrentUser): Promise<Record<ProcedureView | "all", number>> {
  const views = [undefined, "draft", "published", "trash"] as const;
  const counts = await Promise.all(views.map((v) => prisma.procedure.count({ where: { AND: [viewWhere(v), ownWhere(user)] } })));
  return { all: counts[0]!, draft: counts[1]!, published: counts[2]!, trash: counts[3]! };
}

export interface DocumentChoice {
  id: number;
  number: string;
  title: string;
}

/** The form's lists: fields, and the legal documents (those chosen, in order, then the published ones newest first). */
export async function procedureFormChoices(prisma: PrismaClient, chosenIds: number[]) {
  const [sectors, chosen, published] = await Promise.all([
    prisma.sector.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
    // A chosen document stays offered while it is not in the trash, published or not.
    prisma.legalDocument.findMany({ where: { id: { in: chosenIds }, deletedAt: null }, select: { id: true, number: true, title: true } }),
    listDocumentChoices(prisma),
  ]);
  const byId = new Map(chosen.map((d) => [d.id, d]));
  const rest = published.filter((d) => !byId.has(d.id));
  const documents: DocumentChoice[] = [...chosenIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])), ...rest];
  return { sectors, documents };
}

/** The form's values, as strings, the way the inputs show them; the chosen documents in order. */
export type ProcedureFormValues = { [K in Exclude<keyof ProcedureInput, "legalBasisIds">]: string } & { legalBasisIds: number[] };

/** A procedure opened for editing, after checking this user may edit it. */
export async function getProcedureForEdit(prisma: PrismaClient, user: CurrentUser, id: number) {
  const row = await findProcedure(prisma, id);
  assertCanEditProcedure(user, row);
  assertProcedureNotTrashed(row);
  const basis = await prisma.procedureLegalBasis.findMany({ where: { procedureId: id }, orderBy: { position: "asc" }, select: { documentId: true } });
  const values: ProcedureFormValues = {
    code: row.code,
    name: row.name,
    fieldId: row.sectorId ? String(row.sectorId) : "",
    level: row.level,
    processingTime: row.processingTime,
    fee: row.fee,
    place: row.place,
    requirements: procedureText(row.requirements),
    steps: procedureText(row.steps),
    legalBasisIds: basis.map((b) => b.documentId),
    onlineUrl: row.onlineUrl,
    onlineLevel: row.onlineLevel,
    status: row.status,
  };
  const status: ProcedureView = row.status === "published" ? "published" : "draft";
  return {
    procedure: { id: row.id, status, statusLabel: PROCEDURE_STATUS_LABELS[status], publicUrl: status === "published" ? procedureUrl(row.slug) : null },
    values,
  };
}
