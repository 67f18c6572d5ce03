import type { PrismaClient } from "../db.js";
import { formatStamp } from "../lib/vi-time.js";
import { workingDaysBetween } from "../lib/working-days.js";

// Notices at the top of every public page: urgent announcements and planned outages.
// - An ordinary notice is shown from `startsAt` to `endsAt`.
// - A planned outage (`outage`): `startsAt`-`endsAt` is the outage itself, and the notice is its
//   announcement, shown from the moment it is saved (`createdAt`) until the outage ends; the form
//   warns when the outage starts less than 7 working days after that (Decree 224/2026/NĐ-CP, Art. 13).
// Kept pages must not outlive a notice's start or end: nextNoticeChange() tells the page cache when.

export const NOTICE_LEVELS = ["info", "warning", "danger"] as const;
export type NoticeLevel = (typeof NOTICE_LEVELS)[number];
export const NOTICE_LEVEL_LABELS: Record<NoticeLevel, string> = { info: "Thông báo", warning: "Lưu ý", danger: "Khẩn" };
/** Working days of notice a planned outage should be announced with. */
export const OUTAGE_NOTICE_WORKING_DAYS = 7;

const asLevel = (level: string): NoticeLevel => (NOTICE_LEVELS.includes(level as NoticeLevel) ? (level as NoticeLevel) : "info");
const severity: Record<NoticeLevel, number> = { danger: 0, warning: 1, info: 2 };

export interface NoticeView {
  id: number;
  text: string;
  level: NoticeLevel;
  levelLabel: string;
  outage: boolean;
  /** "Tạm ngừng dịch vụ từ 22:00 - 20/12/2026 đến 06:00 - 21/12/2026." for an outage, else "". */
  whenLabel: string;
}

interface NoticeRow {
  id: number;
  text: string;
  level: string;
  outage: boolean;
  startsAt: Date;
  endsAt: Date;
}

export const outageLabel = (n: { startsAt: Date; endsAt: Date }) => `Tạm ngừng dịch vụ từ ${formatStamp(n.startsAt)} đến ${formatStamp(n.endsAt)}.`;

export function noticeView(n: NoticeRow): NoticeView {
  const level = asLevel(n.level);
  return { id: n.id, text: n.text, level, levelLabel: NOTICE_LEVEL_LABELS[level], outage: n.outage, whenLabel: n.outage ? outageLabel(n) : "" };
}

/** Whether a notice is on the public pages at `now`. */
export function isShown(n: { outage: boolean; startsAt: Date; endsAt: Date; createdAt: Date }, now: Date): boolean {
  const from = n.outage ? n.createdAt : n.startsAt;
  return from <= now && now < n.endsAt;
}

/** The notices shown at `now`: the most serious first, then the soonest. */
export async function activeNotices(prisma: PrismaClient, now: Date): Promise<NoticeView[]> {
  const rows = await prisma.notice.findMany({
    where: { endsAt: { gt: now }, OR: [{ outage: false, startsAt: { lte: now } }, { outage: true, createdAt: { lte: now } }] },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
  return rows.map(noticeView).sort((a, b) => severity[a.level] - severity[b.level]);
}

/** The next moment a notice appears or disappears after `now`, or null: kept pages must end by then. */
export async function nextNoticeChange(prisma: PrismaClient, now: Date): Promise<Date | null> {
  const [starting, ending] = await Promise.all([
    prisma.notice.findFirst({ where: { outage: false, startsAt: { gt: now } }, orderBy: { startsAt: "asc" }, select: { startsAt: true } }),
    prisma.notice.findFirst({ where: { endsAt: { gt: now } }, orderBy: { endsAt: "asc" }, select: { endsAt: true } }),
  ]);
  const times = [starting?.startsAt, ending?.endsAt].filter((d): d is Date => Boolean(d));
  return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
}

/** The working days (Saturdays and Sundays left out) from `announcedAt` to the outage's start, when fewer than 7; else null. */
export function shortNotice(announcedAt: Date, startsAt: Date): number | null {
  const days = workingDaysBetween(announcedAt, startsAt);
  return days < OUTAGE_NOTICE_WORKING_DAYS ? days : null;
}
