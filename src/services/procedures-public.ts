import type { PrismaClient } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import { documentUrl, publicDocumentWhere } from "./documents.js";
import { notFound } from "../errors.js";
import { paginate, type Page } from "../lib/pagination.js";
import {
  LEVEL_LABELS,
  levelLabel,
  ONLINE_LABELS,
  ONLINE_LONG_LABELS,
  onlineLevelOf,
  procedureUrl,
  publicProcedureWhere,
  type OnlineLevel,
  type ProcedureLevel,
} from "./procedures.js";
import { everyTermIn, type SectionSearch } from "./section-search.js";
import type { SitemapEntry } from "./sitemap-sections.js";

export const PROCEDURES_PAGE_SIZE = 20;

// Procedures are listed by name as readers look them up, in Vietnamese order ("Đ" after "D", not
// after "Z" as byte order puts it): SQLite and PostgreSQL collate differently, so the matching ids
// and names are sorted here, the same on both. A section holds hundreds to a few thousand rows.
const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

export interface PublicProcedureFilters {
  /** Folded words, every one in code, name, field or place. */
  terms: string[];
  sectorId: number | null;
  level: ProcedureLevel | null;
}

export interface ProcedureCard {
  code: string;
  name: string;
  url: string;
  sector: string | null;
  level: string;
  onlineLevel: OnlineLevel;
  onlineLabel: string;
}

function filterWhere(filters: PublicProcedureFilters): Prisma.ProcedureWhereInput {
  return {
    AND: [
      publicProcedureWhere,
      filters.sectorId ? { sectorId: filters.sectorId } : {},
      filters.level ? { level: filters.level } : {},
      everyTermIn(filters.terms),
    ],
  };
}

/** One page of the public list, by name; a page past the end is a 404 as on the other listings. */
export async function listPublicProcedures(prisma: PrismaClient, filters: PublicProcedureFilters, pageNumber: number) {
  const matches = await prisma.procedure.findMany({ where: filterWhere(filters), select: { id: true, name: true } });
  matches.sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id);
  const page: Page = paginate(pageNumber, PROCEDURES_PAGE_SIZE, matches.length);
  if (pageNumber > page.pageCount) throw notFound("Trang này không tồn tại.");
  const wanted = matches.slice(page.skip, page.skip + PROCEDURES_PAGE_SIZE).map((m) => m.id);
  const rows = await prisma.procedure.findMany({ where: { id: { in: wanted } }, include: { sector: { select: { name: true } } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const procedures: ProcedureCard[] = wanted.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const online = onlineLevelOf(row.onlineLevel);
    return [{ code: row.code, name: row.name, url: procedureUrl(row.slug), sector: row.sector?.name ?? null, level: levelLabel(row.level), onlineLevel: online, onlineLabel: ONLINE_LABELS[online] }];
  });
  return { procedures, page };
}

/** The filter's fields: those with public procedures (and the one asked for, so the form shows it). */
export async function procedureSectors(prisma: PrismaClient) {
  return prisma.sector.findMany({
    where: { procedures: { some: publicProcedureWhere } },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, name: true, slug: true },
  });
}

export const findSectorBySlug = (prisma: PrismaClient, slug: string) =>
  prisma.sector.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } });

export const LEVEL_CHOICES = (Object.keys(LEVEL_LABELS) as ProcedureLevel[]).map((value) => ({ value, label: LEVEL_LABELS[value] }));

const detailInclude = {
  sector: { select: { name: true, slug: true } },
  legalBasis: {
    where: { document: publicDocumentWhere },
    orderBy: { position: "asc" },
    include: { document: { select: { number: true, title: true, slug: true } } },
  },
} satisfies Prisma.ProcedureInclude;

export interface ProcedurePage {
  id: number;
  code: string;
  name: string;
  url: string;
  sector: { name: string; url: string } | null;
  level: string;
  processingTime: string;
  fee: string;
  place: string;
  requirements: string;
  steps: string;
  legalBasis: { number: string; title: string; url: string }[];
  online: { level: OnlineLevel; label: string; longLabel: string; url: string };
  publishedAt: Date;
  updatedAt: Date;
}

/** One public procedure, every field as the page shows it. */
export async function getPublicProcedure(prisma: PrismaClient, slug: string): Promise<ProcedurePage> {
  const row = await prisma.procedure.findFirst({ where: { ...publicProcedureWhere, slug }, include: detailInclude });
  if (!row) throw notFound("Không tìm thấy thủ tục hành chính này; có thể thủ tục đã được bãi bỏ hoặc đổi địa chỉ.");
  const online = onlineLevelOf(row.onlineLevel);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    url: procedureUrl(row.slug),
    sector: row.sector ? { name: row.sector.name, url: `/thu-tuc-hanh-chinh?linh-vuc=${row.sector.slug}` } : null,
    level: levelLabel(row.level),
    processingTime: row.processingTime,
    fee: row.fee,
    place: row.place,
    requirements: row.requirements,
    steps: row.steps,
    legalBasis: row.legalBasis.map((b) => ({ number: b.document.number, title: b.document.title, url: documentUrl(b.document.slug) })),
    online: { level: online, label: ONLINE_LABELS[online], longLabel: ONLINE_LONG_LABELS[online], url: row.onlineUrl },
    publishedAt: row.publishedAt ?? row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The site search (/tim-kiem?loai=thu-tuc-hanh-chinh): code, name, field and place, newest first. */
export const searchProcedures: SectionSearch = async (prisma, _now, terms, skip, take) => {
  const where = { AND: [publicProcedureWhere, everyTermIn(terms)] };
  const [total, rows] = await Promise.all([
    prisma.procedure.count({ where }),
    prisma.procedure.findMany({
      where,
      include: { sector: { select: { name: true } } },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      skip,
      take,
    }),
  ]);
  return {
    total,
    hits: rows.map((row) => ({
      title: row.name,
      url: procedureUrl(row.slug),
      text: [row.sector?.name, levelLabel(row.level), row.place].filter(Boolean).join(" · "),
      date: row.publishedAt,
      label: row.code,
    })),
  };
};

/** Every public procedure's page, for the sitemap. */
export async function procedureSitemapEntries(prisma: PrismaClient, _now: Date): Promise<SitemapEntry[]> {
  const rows = await prisma.procedure.findMany({
    where: publicProcedureWhere,
    select: { slug: true, updatedAt: true },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
  });
  return rows.map((r) => ({ path: procedureUrl(r.slug), lastmod: r.updatedAt }));
}
