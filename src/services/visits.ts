import type { PrismaClient } from "../db.js";
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
  const day = vnDayKey(clock());
  await prisma.$executeRaw`INSERT INTO "VisitDay" ("day", "count") VALUES (${day}, 1)
    ON CONFLICT ("day") DO UPDATE SET "count" = "VisitDay"."count" + 1`;
}

export async function getVisitStats(prisma: PrismaClient, clock: Clock, baseline: number): Promise<VisitStats> {
  const now = clock();
  const today = vnDayKey(now);
  const yesterday = addDays(today, -1);
  const weekStart = vnWeekStart(now);
  const from = weekStart < yesterday ? weekStart : yesterday;
  const [recent, sum] = await Promise.all([
    prisma.visitDay.findMany({ where: { day: { gte: from } } }),
    prisma.visitDay.aggregate({ _sum: { count: true } }),
  ]);
  const countOn = (day: string) => recent.find((r) => r.day === day)?.count ?? 0;
  return {
    today: countOn(today),
    yesterday: countOn(yesterday),
    thisWeek: recent.filter((r) => r.day >= weekStart && r.day <= today).reduce((n, r) => n + r.count, 0),
    total: baseline + (sum._sum.count ?? 0),
  };
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
