import type { Db, PrismaClient } from "../db.js";
import { fold } from "../lib/fold.js";

// The PAR Index (Chỉ số cải cách hành chính, Bộ Nội vụ) as data: per year the total out of its
// maximum, the rank among the provinces ranked that year (63 before the 2025 merger, 34 after), the
// components of that year's index (they change between years, so they are kept per year) and
// comparison rows (the national average, neighbouring provinces).

export type ParOrigin = "staff" | "seed" | "demo";

export interface ParComponentRow {
  name: string;
  score: number;
  max: number;
}

export interface ParComparisonRow {
  label: string;
  total: number;
  rank: number | null;
}

/** A year's headline figures: the total out of its maximum, the rank out of the number ranked. */
export interface ParYearFigures {
  year: number;
  total: number;
  max: number;
  rank: number | null;
  ranked: number | null;
}

export interface ParYearData extends ParYearFigures {
  note: string;
  origin: ParOrigin;
  updatedAt: Date;
  components: ParComponentRow[];
  comparisons: ParComparisonRow[];
}

const include = {
  components: { orderBy: [{ position: "asc" as const }, { id: "asc" as const }] },
  comparisons: { orderBy: [{ position: "asc" as const }, { id: "asc" as const }] },
};

/** A row as read with `include` (its origin as stored). */
type Loaded = Omit<ParYearData, "origin"> & { origin: string };

const asOrigin = (origin: string): ParOrigin => (origin === "seed" || origin === "demo" ? origin : "staff");

function toData(row: Loaded): ParYearData {
  return {
    year: row.year,
    total: row.total,
    max: row.max,
    rank: row.rank,
    ranked: row.ranked,
    note: row.note,
    origin: asOrigin(row.origin),
    updatedAt: row.updatedAt,
    components: row.components.map(({ name, score, max }) => ({ name, score, max })),
    comparisons: row.comparisons.map(({ label, total, rank }) => ({ label, total, rank })),
  };
}

/** Every year, oldest first, with its components and comparison rows. */
export async function listParYears(prisma: PrismaClient): Promise<ParYearData[]> {
  const rows = await prisma.parYear.findMany({ orderBy: { year: "asc" }, include });
  return rows.map(toData);
}

/** One year, or null. */
export async function findParYear(prisma: Db, year: number): Promise<ParYearData | null> {
  const row = await prisma.parYear.findUnique({ where: { year }, include });
  return row ? toData(row) : null;
}

export interface ParYearPageData {
  year: ParYearData;
  /** The nearest earlier year entered, compared against on the page. */
  previous: ParYearData | null;
  /** The nearest later year entered, linked from the page. */
  nextYear: number | null;
}

/** A year with the year before it, for the year's page; null when the year has no data. */
export async function loadParYearPage(prisma: PrismaClient, year: number): Promise<ParYearPageData | null> {
  const current = await findParYear(prisma, year);
  if (!current) return null;
  const [before, after] = await Promise.all([
    prisma.parYear.findFirst({ where: { year: { lt: year } }, orderBy: { year: "desc" }, select: { year: true } }),
    prisma.parYear.findFirst({ where: { year: { gt: year } }, orderBy: { year: "asc" }, select: { year: true } }),
  ]);
  return { year: current, previous: before ? await findParYear(prisma, before.year) : null, nextYear: after?.year ?? null };
}

/** How components of two years pair up: by name, ignoring case and diacritics. */
export const componentKey = (name: string) => fold(name).replace(/\s+/g, " ").trim();

export interface ComponentPair {
  name: string;
  current: ParComponentRow | null;
  previous: ParComponentRow | null;
}

/** This year's components in order, each with last year's of the same name; then those dropped this year. */
export function pairComponents(current: ParComponentRow[], previous: ParComponentRow[]): ComponentPair[] {
  const before = new Map(previous.map((c) => [componentKey(c.name), c]));
  const pairs: ComponentPair[] = current.map((c) => {
    const match = before.get(componentKey(c.name)) ?? null;
    before.delete(componentKey(c.name));
    return { name: c.name, current: c, previous: match };
  });
  for (const c of before.values()) pairs.push({ name: c.name, current: null, previous: c });
  return pairs;
}

/** The public pages' addresses, for the sitemap: the overview and each year. */
export async function parIndexSitemapEntries(prisma: PrismaClient): Promise<{ url: string; lastmod: Date | null }[]> {
  const years = await prisma.parYear.findMany({ orderBy: { year: "asc" }, select: { year: true, updatedAt: true } });
  const newest = years.reduce<Date | null>((a, y) => (!a || y.updatedAt > a ? y.updatedAt : a), null);
  return [{ url: "/chi-so-cchc", lastmod: newest }, ...years.map((y) => ({ url: `/chi-so-cchc/${y.year}`, lastmod: y.updatedAt }))];
}
