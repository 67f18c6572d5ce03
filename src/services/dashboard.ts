import type { PrismaClient } from "../db.js";
import { formatDate, vnDayStart, type Clock } from "../lib/vi-time.js";
import { isEditor } from "./article-access.js";
import { countByView, listAdminArticles } from "./articles-admin.js";
import type { CurrentUser } from "./users.js";
import { getDailyVisits } from "./visits.js";

export const CHART_DAYS = 30;
const RECENT_COUNT = 10;

/** The chart's drawing area in SVG units; the SVG scales to its box through its viewBox. */
const CHART = { width: 720, height: 260, left: 56, right: 8, top: 12, bottom: 36 };

export interface VisitBar {
  day: string;
  date: string;
  shortDate: string;
  count: number;
  x: number;
  y: number;
  width: number;
  height: number;
  labelX: number;
  showLabel: boolean;
}

export interface VisitChart {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  plotBottom: number;
  bars: VisitBar[];
  ticks: { y: number; value: number }[];
  total: number;
  max: number;
  busiest: VisitBar | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

// A step of 1, 2 or 5 × 10ⁿ so four gridlines land on round numbers.
function niceStep(max: number): number {
  const raw = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw)!;
}

/** Bars, gridlines and labels for daily counts (oldest first), computed on the server: no script needed. */
export function visitChart(days: { day: string; count: number }[]): VisitChart {
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const plotBottom = CHART.top + plotHeight;
  const max = Math.max(0, ...days.map((d) => d.count));
  const step = niceStep(max);
  const top = step * 4;
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = slot * 0.7;
  const bars = days.map((d, i) => {
    const height = d.count ? Math.max(1, (d.count / top) * plotHeight) : 0;
    const date = formatDate(vnDayStart(d.day));
    const x = CHART.left + i * slot + (slot - barWidth) / 2;
    return {
      day: d.day,
      date,
      shortDate: date.slice(0, 5),
      count: d.count,
      x: round1(x),
      y: round1(plotBottom - height),
      width: round1(barWidth),
      height: round1(height),
      labelX: round1(x + barWidth / 2),
      // Every fifth day counting back from today, so today is always labelled.
      showLabel: (days.length - 1 - i) % 5 === 0,
    };
  });
  const ticks = [0, 1, 2, 3, 4].map((k) => ({ value: k * step, y: round1(plotBottom - (k * step * plotHeight) / top) }));
  const busiest = max ? bars.find((b) => b.count === max)! : null;
  return {
    width: CHART.width,
    height: CHART.height,
    plotLeft: CHART.left,
    plotRight: CHART.width - CHART.right,
    plotBottom,
    bars,
    ticks,
    total: days.reduce((n, d) => n + d.count, 0),
    max,
    busiest,
  };
}

/** The recently updated articles, as the article list shows them: everyone's for editors, an author's own for authors. */
async function recentArticles(prisma: PrismaClient, clock: Clock, user: CurrentUser) {
  const { articles } = await listAdminArticles(prisma, clock, user, { trang: 1 });
  return articles.slice(0, RECENT_COUNT);
}

/** Everything the dashboard shows, for one signed-in user. */
export async function getDashboard(prisma: PrismaClient, clock: Clock, user: CurrentUser) {
  const [counts, recent, days, newFeedback] = await Promise.all([
    countByView(prisma, clock, user),
    recentArticles(prisma, clock, user),
    getDailyVisits(prisma, clock, CHART_DAYS),
    isEditor(user) ? prisma.feedbackMessage.count({ where: { status: "new" } }) : Promise.resolve(null),
  ]);
  return { counts, recent, chart: visitChart(days), newFeedback };
}
