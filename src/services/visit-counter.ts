import type { PrismaClient } from "../db.js";
import { vnDayKey, type Clock } from "../lib/vi-time.js";
import type { Segment, VisitJournal } from "./visit-journal.js";
import { pruneVisitJournal, readVisitDays, storeSegment, visitStats, type VisitDays, type VisitStats } from "./visits.js";

// Counts wait in memory (and in the journal file) at most this long before one transaction stores them.
const FLUSH_MS = 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const KEEP_SEGMENT_IDS_MS = 7 * 24 * 60 * 60 * 1000;

export interface VisitFigures {
  stats: VisitStats;
  /** Changes whenever the figures do: a page built with version v is current while it stays v. */
  version: number;
}

/**
 * The visit counter and article view counts without a database round trip per page view: counts are
 * journaled and added in memory, and stored every second in one transaction of atomic increments (so
 * several instances sharing a database never lose one), and on shutdown; after a crash, on the next
 * start. The figures shown are the stored ones, read again after each store, plus what this instance
 * has not stored yet, so a visit is shown at most `displayIntervalMs` late and never twice.
 */
export interface VisitCounter {
  countVisit(): void;
  countView(articleId: number): void;
  /**
   * The figures as shown now (a read of the database starts in the background when they are old), or
   * null before the first read: then `await read()` first.
   */
  figures(): VisitFigures | null;
  read(): Promise<void>;
  /** Stores what is pending and reads the stored figures again. */
  flush(): Promise<void>;
  /** Forget the read figures (the baseline in the settings changed). */
  invalidate(): void;
  close(): Promise<void>;
}

export interface VisitCounterOptions {
  prisma: PrismaClient;
  clock: Clock;
  journal: VisitJournal;
  baseline: () => Promise<number>;
  displayIntervalMs: number;
  onError: (error: unknown) => void;
}

export function createVisitCounter(options: VisitCounterOptions): VisitCounter {
  const { prisma, clock, journal, baseline, displayIntervalMs, onError } = options;
  // Closed segments not stored yet (being stored, refused by the database, or left by a crash).
  let unstored: Segment[] | null = null;
  let stored: { days: VisitDays; baseline: number; readAt: number } | null = null;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let shown: (VisitFigures & { builtAt: number; day: string }) | null = null;
  let version = 0;
  let prunedAt = 0;
  let closed = false;

  const schedule = () => {
    if (!timer && !closed) timer = setTimeout(() => void flush().catch(onError), FLUSH_MS).unref();
  };

  const storeAndRead = async () => {
    const pending = (unstored ??= journal.leftovers());
    const closedNow = journal.rotate();
    if (closedNow) pending.push(closedNow);
    const done: Segment[] = [];
    // Stored segments stay counted in memory until the read below includes them.
    const forget = () => {
      unstored = pending.filter((segment) => !done.includes(segment));
      for (const segment of done) journal.discard(segment);
    };
    try {
      for (const segment of [...pending]) {
        await storeSegment(prisma, segment);
        done.push(segment);
      }
      if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        await pruneVisitJournal(prisma, new Date(Date.now() - KEEP_SEGMENT_IDS_MS));
      }
      const [days, base] = await Promise.all([readVisitDays(prisma, clock), baseline()]);
      stored = { days, baseline: base, readAt: Date.now() };
    } finally {
      forget();
    }
  };

  // One store-and-read at a time; counts made meanwhile wait for the next.
  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    running ??= storeAndRead().finally(() => {
      running = null;
      if (unstored?.length || journal.open.visits.size || journal.open.views.size) schedule();
    });
    return running;
  }

  const current = (): VisitStats => {
    const recent = new Map(stored?.days.recent);
    let sum = stored?.days.sum ?? 0;
    for (const segment of [...(unstored ?? []), journal.open]) {
      for (const [day, n] of segment.visits) {
        recent.set(day, (recent.get(day) ?? 0) + n);
        sum += n;
      }
    }
    return visitStats({ recent, sum }, clock(), stored?.baseline ?? 0);
  };

  return {
    countVisit() {
      journal.visit(vnDayKey(clock()));
      schedule();
    },
    countView(articleId) {
      journal.view(articleId);
      schedule();
    },
    figures() {
      if (!stored) return null;
      const now = Date.now();
      if (!running && now - stored.readAt >= Math.max(displayIntervalMs, FLUSH_MS)) void flush().catch(onError);
      const day = vnDayKey(clock());
      if (shown && now - shown.builtAt < displayIntervalMs && shown.day === day) return shown;
      const stats = current();
      const same = shown && shown.day === day && JSON.stringify(shown.stats) === JSON.stringify(stats);
      shown = { stats, version: same ? shown!.version : ++version, builtAt: now, day };
      return shown;
    },
    flush,
    async read() {
      while (!stored) await flush();
    },
    invalidate() {
      stored = null;
      shown = null;
    },
    async close() {
      closed = true;
      await flush();
    },
  };
}
