import type { Db, PrismaClient } from "../db.js";
import { HttpError, notFound } from "../errors.js";
import type { ParImportYear } from "../lib/par-csv.js";
import { recordAudit, type Actor } from "./audit.js";
import { findParYear, type ParComparisonRow, type ParComponentRow, type ParYearFigures } from "./par-index.js";

// Writes to the PAR Index: a year from the form, years from a CSV file, a year deleted. Each is one
// transaction with its audit entry; the routes clear the kept pages after it commits.

export interface ParYearInput extends ParYearFigures {
  note: string;
  components: ParComponentRow[];
  comparisons: ParComparisonRow[];
}

export const parAdminUrl = (year: number) => `/admin/par-index/${year}/edit`;

/** The years in the panel's list, newest first, with how many components and comparison rows each has. */
export async function listParYearsForAdmin(prisma: PrismaClient) {
  const rows = await prisma.parYear.findMany({
    orderBy: { year: "desc" },
    include: { _count: { select: { components: true, comparisons: true } } },
  });
  return rows.map((r) => ({
    year: r.year,
    total: r.total,
    max: r.max,
    rank: r.rank,
    ranked: r.ranked,
    origin: r.origin,
    note: r.note,
    updatedAt: r.updatedAt,
    components: r._count.components,
    comparisons: r._count.comparisons,
  }));
}

export async function getParYearForAdmin(prisma: Db, year: number) {
  const found = await findParYear(prisma, year);
  if (!found) throw notFound(`Chưa có số liệu Chỉ số cải cách hành chính năm ${year}.`);
  return found;
}

/** Puts a year's components in place of whatever it had, in the order given. */
async function replaceComponents(tx: Db, year: number, components: ParComponentRow[]): Promise<void> {
  await tx.parComponent.deleteMany({ where: { year } });
  if (components.length) {
    await tx.parComponent.createMany({ data: components.map((c, position) => ({ year, name: c.name, score: c.score, max: c.max, position })) });
  }
}

async function replaceComparisons(tx: Db, year: number, comparisons: ParComparisonRow[]): Promise<void> {
  await tx.parComparison.deleteMany({ where: { year } });
  if (comparisons.length) {
    await tx.parComparison.createMany({ data: comparisons.map((c, position) => ({ year, label: c.label, total: c.total, rank: c.rank, position })) });
  }
}

const describe = (input: { total: number; max: number; rank: number | null; ranked: number | null; components: unknown[] }) =>
  `${input.total}/${input.max}${input.rank ? `, hạng ${input.rank}/${input.ranked}` : ""}, ${input.components.length} chỉ số thành phần`;

/**
 * Creates a year (409 when it already has data: edit that one instead) or replaces one (404 when it
 * has none). A year saved by staff is theirs: it loses its seed or demo mark.
 */
export async function saveParYear(prisma: PrismaClient, actor: Actor, input: ParYearInput, mode: "create" | "update") {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.parYear.findUnique({ where: { year: input.year }, select: { year: true } });
    if (mode === "create" && existing) {
      const message = `Năm ${input.year} đã có số liệu. Hãy mở năm đó trong danh sách để sửa.`;
      throw new HttpError(409, message, { year: message });
    }
    if (mode === "update" && !existing) throw notFound(`Chưa có số liệu Chỉ số cải cách hành chính năm ${input.year}.`);
    const data = { total: input.total, max: input.max, rank: input.rank, ranked: input.ranked, note: input.note, origin: "staff" };
    await tx.parYear.upsert({ where: { year: input.year }, create: { year: input.year, ...data }, update: data });
    await replaceComponents(tx, input.year, input.components);
    await replaceComparisons(tx, input.year, input.comparisons);
    await recordAudit(tx, { ...actor, action: mode === "create" ? "par.year.create" : "par.year.update", target: `Chỉ số CCHC năm ${input.year}`, detail: describe(input) });
    return { year: input.year };
  });
}

export async function deleteParYear(prisma: PrismaClient, actor: Actor, year: number) {
  return prisma.$transaction(async (tx) => {
    const found = await getParYearForAdmin(tx, year);
    // Children first: the cascade is not left to each database's foreign-key settings.
    await tx.parComponent.deleteMany({ where: { year } });
    await tx.parComparison.deleteMany({ where: { year } });
    await tx.parYear.delete({ where: { year } });
    await recordAudit(tx, { ...actor, action: "par.year.delete", target: `Chỉ số CCHC năm ${year}`, detail: describe(found) });
  });
}

/**
 * The years of an import file, all or none: each year named in the file gets the file's total, rank
 * and components in place of what it had (comparison rows are not in the file and stay). A year that
 * came from the seed article or the demo loses that mark and its note, since the numbers are now staff's.
 */
export async function importParYears(prisma: PrismaClient, actor: Actor, years: ParImportYear[], rows: number) {
  return prisma.$transaction(async (tx) => {
    const replaced: number[] = [];
    for (const y of years) {
      const before = await tx.parYear.findUnique({ where: { year: y.year }, select: { origin: true, note: true } });
      if (before) replaced.push(y.year);
      const data = { total: y.total, max: y.max, rank: y.rank, ranked: y.ranked, origin: "staff", note: before?.origin === "staff" ? before.note : "" };
      await tx.parYear.upsert({ where: { year: y.year }, create: { year: y.year, ...data }, update: data });
      await replaceComponents(tx, y.year, y.components);
    }
    const list = years.map((y) => y.year).join(", ");
    await recordAudit(tx, { ...actor, action: "par.import", target: `Chỉ số CCHC: ${list}`, detail: `${rows} dòng; thay số liệu cũ của: ${replaced.join(", ") || "không năm nào"}` });
    return { years: years.map((y) => y.year), replaced, rows };
  });
}
