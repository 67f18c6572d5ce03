import type { Db, PrismaClient } from "../db.js";
import { HttpError, notFound } from "../errors.js";
import { formatStamp, toLocalInput, type Clock } from "../lib/vi-time.js";
import { recordAudit, type Actor } from "./audit.js";
import { isShown, NOTICE_LEVEL_LABELS, OUTAGE_NOTICE_WORKING_DAYS, outageLabel, shortNotice, type NoticeLevel } from "./notices.js";

// Notices in the panel: listed as shown now, to come and ended; created, edited and deleted, each
// write one transaction with its audit entry.

export interface NoticeInput {
  text: string;
  level: NoticeLevel;
  outage: boolean;
  startsAt: Date;
  endsAt: Date;
  /** The editor saw the short-notice warning and saves anyway. */
  acknowledgeShortNotice: boolean;
}

export const noticeUrl = (id: number) => `/admin/notices/${id}/edit`;

export function shortNoticeMessage(days: number): string {
  return (
    `Lịch tạm ngừng dịch vụ này chỉ được báo trước ${days} ngày làm việc (không tính thứ Bảy, Chủ nhật), ` +
    `ít hơn ${OUTAGE_NOTICE_WORKING_DAYS} ngày làm việc theo Điều 13 Nghị định 224/2026/NĐ-CP. ` +
    `Nếu vẫn cần đăng, hãy đánh dấu ô «Vẫn lưu thông báo» rồi lưu lại.`
  );
}

async function getNotice(db: Db, id: number) {
  const notice = await db.notice.findUnique({ where: { id } });
  if (!notice) throw notFound("Không tìm thấy thông báo này.");
  return notice;
}

export async function getNoticeForAdmin(prisma: PrismaClient, id: number) {
  return getNotice(prisma, id);
}

/** The form's values for a stored notice (times as datetime-local inputs in Vietnam time). */
export function noticeValues(n: { text: string; level: string; outage: boolean; startsAt: Date; endsAt: Date }) {
  return { text: n.text, level: n.level, outage: n.outage ? "on" : "", startsAt: toLocalInput(n.startsAt), endsAt: toLocalInput(n.endsAt) };
}

/** Every notice, grouped: shown now, to come, ended (the last 50). */
export async function listNoticesForAdmin(prisma: PrismaClient, clock: Clock) {
  const now = clock();
  const rows = await prisma.notice.findMany({ orderBy: [{ startsAt: "desc" }, { id: "desc" }], take: 200 });
  const view = rows.map((n) => ({
    ...n,
    levelLabel: NOTICE_LEVEL_LABELS[n.level as NoticeLevel] ?? n.level,
    shown: isShown(n, now),
    ended: n.endsAt <= now,
    window: n.outage ? outageLabel(n) : `Hiện từ ${formatStamp(n.startsAt)} đến ${formatStamp(n.endsAt)}.`,
    shortNotice: n.outage ? shortNotice(n.createdAt, n.startsAt) : null,
  }));
  return {
    current: view.filter((n) => n.shown),
    upcoming: view.filter((n) => !n.shown && !n.ended).reverse(),
    ended: view.filter((n) => n.ended).slice(0, 50),
  };
}

/** Refuses what cannot be saved (422) and a short-notice outage not yet acknowledged (422, field acknowledgeShortNotice). */
function check(input: NoticeInput, now: Date, before: { outage: boolean; startsAt: Date } | null): void {
  if (input.endsAt <= input.startsAt) {
    const message = "Thời điểm kết thúc phải sau thời điểm bắt đầu.";
    throw new HttpError(422, message, { endsAt: message });
  }
  if (!before && input.endsAt <= now) {
    const message = "Thời điểm kết thúc đã qua: thông báo sẽ không hiện lúc nào.";
    throw new HttpError(422, message, { endsAt: message });
  }
  // Warned when the outage is announced (created, made an outage, or moved), not on every later edit.
  const announced = input.outage && (!before || !before.outage || before.startsAt.getTime() !== input.startsAt.getTime());
  const days = announced ? shortNotice(now, input.startsAt) : null;
  if (days !== null && !input.acknowledgeShortNotice) {
    const message = shortNoticeMessage(days);
    throw new HttpError(422, message, { acknowledgeShortNotice: message });
  }
}

const describe = (n: { level: string; outage: boolean; startsAt: Date; endsAt: Date }) =>
  `${n.level}${n.outage ? ", tạm ngừng dịch vụ" : ""}, ${formatStamp(n.startsAt)} → ${formatStamp(n.endsAt)}`;

const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

export async function createNotice(prisma: PrismaClient, clock: Clock, actor: Actor, input: NoticeInput) {
  const now = clock();
  check(input, now, null);
  return prisma.$transaction(async (tx) => {
    const { acknowledgeShortNotice: _seen, ...data } = input;
    // createdAt from the clock: it is when an outage was announced, and shown from.
    const notice = await tx.notice.create({ data: { ...data, createdById: actor.userId, createdAt: now } });
    await recordAudit(tx, { ...actor, action: "notice.create", target: clip(notice.text), detail: describe(notice) });
    return notice;
  });
}

export async function updateNotice(prisma: PrismaClient, clock: Clock, actor: Actor, id: number, input: NoticeInput) {
  return prisma.$transaction(async (tx) => {
    const before = await getNotice(tx, id);
    check(input, clock(), before);
    const { acknowledgeShortNotice: _seen, ...data } = input;
    const notice = await tx.notice.update({ where: { id }, data });
    await recordAudit(tx, { ...actor, action: "notice.update", target: clip(notice.text), detail: describe(notice) });
    return notice;
  });
}

export async function deleteNotice(prisma: PrismaClient, actor: Actor, id: number) {
  return prisma.$transaction(async (tx) => {
    const notice = await getNotice(tx, id);
    await tx.notice.delete({ where: { id } });
    await recordAudit(tx, { ...actor, action: "notice.delete", target: clip(notice.text), detail: describe(notice) });
  });
}
