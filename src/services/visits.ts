import type { Db, PrismaClient } from "../db.js";
import type { Segment } from "./visit-journal.js";
import { addDays, vnDayKey, vnWeekStart, type Clock } from "../lib/vi-time.js";

export interface VisitStats {
  today: number;
  yesterday: number;
  thisWeek: number;
  total: number;
}

// User agents that announce themselves as robots are not visitors.
const CRAWLER_PATTERN =
  /bot\b|bot\/|spider|crawl|slurp|googlebot|bingbot|yandex|baiduspider|duckduckgo|facebookexternalhit|embedly|preview|headless|curl\/|wget\/|python-requests|httpclient|monitor|lighthouse/i;

export function isCrawler(userAgent: string | undefined): boolean {
  if (!userAgent) return true;
  return CRAWLER_PATTERN.test(userAgent);
}

/**
 * Adds one visit to today's row in a single atomic statement, so simultaneous visitors
 * are never lost, whether they hit one instance or several sharing the database.
 */
export async function countVisit(prisma: PrismaClient, clock: Clock): Promise<void> {
  await addDayVisits(prisma, vnDayKey(clock()), 1);
}

/** Adds n visits to a day's row ("2026-12-02") in one atomic statement. */
function addDayVisits(db: Db, day: string, n: number) {
  return db.$executeRaw`INSERT INTO "VisitDay" ("day", "count") VALUES (${day}, ${n})
    ON CONFLICT ("day") DO UPDATE SET "count" = "VisitDay"."count" + ${n}`;
}

/**
 * Stores one journal segment's visits and article views, with its id, in one transaction; a segment
 * already stored (its id is there) adds nothing, so a segment replayed after a crash counts once.
 */
export async function storeSegment(prisma: PrismaClient, segment: Segment): Promise<void> {
  await prisma.$transaction(async (tx) => {
    if (await tx.visitJournal.findUnique({ where: { id: segment.id } })) return;
    for (const [day, n] of segment.visits) await addDayVisits(tx, day, n);
    for (const [id, n] of segment.views) {
      await tx.$executeRaw`UPDATE "Article" SET "viewCount" = "viewCount" + ${n} WHERE "id" = ${id}`;
    }
    await tx.visitJournal.create({ data: { id: segment.id } });
  });
}

/** Segment ids are needed only until a crashed process's files are replayed, on its next start. */
export async function pruneVisitJournal(prisma: PrismaClient, before: Date): Promise<void> {
  await prisma.visitJournal.deleteMany({ where: { storedAt: { lt: before } } });
}

/** What the counter block is computed from: the last eight days' counts and the sum of all days. */
export interface VisitDays {
  recent: Map<string, number>;
  sum: number;
}

export async function readVisitDays(prisma: PrismaClient, clock: Clock): Promise<VisitDays> {
  const from = addDays(vnDayKey(clock()), -8);
  const [recent, sum] = await Promise.all([
    prisma.visitDay.findMany({ where: { day: { gte: from } } }),
    prisma.visitDay.aggregate({ _sum: { count: true } }),
  ]);
  return { recent: new Map(recent.map((r) => [r.day, r.count])), sum: sum._sum.count ?? 0 };
}

/** Today, yesterday, this week (Monday to Sunday, Vietnam time) and the total, from counts per day. */
export function visitStats(days: VisitDays, now: Date, baseline: number): VisitStats {
  const today = vnDayKey(now);
  const weekStart = vnWeekStart(now);
  let thisWeek = 0;
  for (const [day, count] of days.recent) if (day >= weekStart && day <= today) thisWeek += count;
  return {
    today: days.recent.get(today) ?? 0,
    yesterday: days.recent.get(addDays(today, -1)) ?? 0,
    thisWeek,
    total: baseline + days.sum,
  };
}

export async function getVisitStats(prisma: PrismaClient, clock: Clock, baseline: number): Promise<VisitStats> {
  return visitStats(await readVisitDays(prisma, clock), clock(), baseline);
}

/** Daily counts for the last `days` days up to today, oldest first, with empty days as 0. */
export async function getDailyVisits(prisma: PrismaClient, clock: Clock, days: number) {
  const today = vnDayKey(clock());
  const first = addDays(today, -(days - 1));
  const rows = await prisma.visitDay.findMany({ where: { day: { gte: first, lte: today } } });
  const byDay = new Map(rows.map((r) => [r.day, r.count]));
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(first, i);
    return { day, count: byDay.get(day) ?? 0 };
  });
}
