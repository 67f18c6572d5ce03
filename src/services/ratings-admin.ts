import type { PrismaClient } from "../db.js";
import { paginateWithin, type Page } from "../lib/pagination.js";
import { viNumber } from "../lib/svg-charts.js";
import { addDays, formatStamp, vnDayKey, vnWeekStart, type Clock } from "../lib/vi-time.js";
import { ratableShape } from "./ratings.js";

// What the panel shows of the ratings: each page's count and average, lowest first (the pages to fix
// first); the ratings week by week or month by month; and the comments.

const PAGES_PER_PAGE = 50;
const COMMENTS_PER_PAGE = 20;
const PERIODS = 12;

export interface RatedPage {
  path: string;
  title: string;
  count: number;
  average: number;
  averageLabel: string;
}

/** The title of each rated path, read in one query per kind (a path whose page is gone keeps its path). */
async function titlesOf(prisma: PrismaClient, paths: string[]): Promise<Map<string, string>> {
  const slugs: Record<string, string[]> = { article: [], document: [], procedure: [], intro: [] };
  for (const path of paths) {
    const shape = ratableShape(path);
    if (shape) slugs[shape.kind]!.push(shape.slug);
  }
  const [articles, documents, procedures, intros] = await Promise.all([
    slugs.article!.length ? prisma.article.findMany({ where: { slug: { in: slugs.article } }, select: { slug: true, title: true } }) : [],
    slugs.document!.length ? prisma.legalDocument.findMany({ where: { slug: { in: slugs.document } }, select: { slug: true, title: true } }) : [],
    slugs.procedure!.length ? prisma.procedure.findMany({ where: { slug: { in: slugs.procedure } }, select: { slug: true, name: true } }) : [],
    slugs.intro!.length ? prisma.introPage.findMany({ where: { slug: { in: slugs.intro } }, select: { slug: true, title: true } }) : [],
  ]);
  const titles = new Map<string, string>();
  for (const a of articles) titles.set(`/tin-tuc/${a.slug}`, a.title);
  for (const d of documents) titles.set(`/van-ban/${d.slug}`, d.title);
  for (const p of procedures) titles.set(`/thu-tuc-hanh-chinh/${p.slug}`, p.name);
  for (const i of intros) titles.set(`/gioi-thieu/${i.slug}`, i.title);
  titles.set("/gioi-thieu", "Giới thiệu");
  return titles;
}

/** Rated pages, lowest average first (then the most rated), paginated. */
export async function ratingsByPage(prisma: PrismaClient, pageNumber: number): Promise<{ pages: RatedPage[]; page: Page; total: number }> {
  const distinct = await prisma.rating.groupBy({ by: ["path"], _count: { _all: true } });
  const page = paginateWithin(pageNumber, PAGES_PER_PAGE, distinct.length);
  const rows = await prisma.rating.groupBy({
    by: ["path"],
    _count: { _all: true },
    _avg: { score: true },
    orderBy: [{ _avg: { score: "asc" } }, { _count: { path: "desc" } }, { path: "asc" }],
    skip: page.skip,
    take: page.pageSize,
  });
  const titles = await titlesOf(prisma, rows.map((r) => r.path));
  const total = distinct.reduce((n, r) => n + r._count._all, 0);
  return {
    pages: rows.map((r) => {
      const average = r._avg.score ?? 0;
      return { path: r.path, title: titles.get(r.path) ?? r.path, count: r._count._all, average, averageLabel: viNumber(average, 1) };
    }),
    page,
    total,
  };
}

export type PeriodUnit = "tuan" | "thang";

export interface RatingPeriod {
  key: string;
  label: string;
  count: number;
  average: number | null;
  averageLabel: string;
}

const monthKey = (day: string) => day.slice(0, 7);
const monthBefore = (key: string, n: number) => {
  const [y, m] = key.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
};

/** The last 12 weeks (Monday to Sunday) or months in Vietnam time, oldest first, empty ones included. */
export async function ratingsOverTime(prisma: PrismaClient, clock: Clock, unit: PeriodUnit): Promise<RatingPeriod[]> {
  const now = clock();
  const keys =
    unit === "tuan"
      ? Array.from({ length: PERIODS }, (_, i) => addDays(vnWeekStart(now), -7 * (PERIODS - 1 - i)))
      : Array.from({ length: PERIODS }, (_, i) => monthBefore(monthKey(vnDayKey(now)), PERIODS - 1 - i));
  const firstDay = unit === "tuan" ? keys[0]! : `${keys[0]!}-01`;
  const days = await prisma.rating.groupBy({ by: ["day"], where: { day: { gte: firstDay } }, _count: { _all: true }, _sum: { score: true } });
  const sums = new Map(keys.map((k) => [k, { count: 0, sum: 0 }]));
  for (const d of days) {
    const key = unit === "tuan" ? vnWeekStart(new Date(`${d.day}T12:00:00+07:00`)) : monthKey(d.day);
    const bucket = sums.get(key);
    if (!bucket) continue;
    bucket.count += d._count._all;
    bucket.sum += d._sum.score ?? 0;
  }
  return keys.map((key) => {
    const { count, sum } = sums.get(key)!;
    const average = count ? sum / count : null;
    const [y, m, d] = key.split("-");
    const label = unit === "tuan" ? `Tuần từ ${d}/${m}/${y}` : `Tháng ${Number(m)}/${y}`;
    return { key, label, count, average, averageLabel: average === null ? "—" : viNumber(average, 1) };
  });
}

/** Comments, newest first, optionally of one page. */
export async function ratingComments(prisma: PrismaClient, pageNumber: number, path?: string) {
  const where = { comment: { not: "" }, ...(path ? { path } : {}) };
  const page = paginateWithin(pageNumber, COMMENTS_PER_PAGE, await prisma.rating.count({ where }));
  const rows = await prisma.rating.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: page.skip, take: page.pageSize });
  const titles = await titlesOf(prisma, [...new Set(rows.map((r) => r.path))]);
  return {
    comments: rows.map((r) => ({ id: r.id, path: r.path, title: titles.get(r.path) ?? r.path, score: r.score, comment: r.comment, stamp: formatStamp(r.createdAt) })),
    page,
  };
}
