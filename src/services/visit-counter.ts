import type { PrismaClient } from "../db.js";
import { vnDayKey, type Clock } from "../lib/vi-time.js";
import { addArticleViews } from "./articles-public.js";
import { addVisits, readVisitDays, visitStats, type VisitDays, type VisitStats } from "./visits.js";

// Counts wait in memory at most this long before one transaction stores them.
const FLUSH_MS = 1000;

export interface VisitFigures {
  stats: VisitStats;
  /** Changes whenever the figures do: a page built with version v is current while it stays v. */
  version: number;
}

/**
 * The visit counter and article view counts without a database round trip per page view: counts are
 * added in memory and stored every second in one transaction of atomic increments (so several
 * instances sharing a database never lose one), and on shutdown. The figures shown are the stored
 * ones, read again after each store and at least every `displayIntervalMs`, plus what this instance
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
  baseline: () => Promise<number>;
  displayIntervalMs: number;
  onError: (error: unknown) => void;
}

type Counts = Map<string | number, number>;
const add = (counts: Counts, key: string | number, n: number) => counts.set(key, (counts.get(key) ?? 0) + n);

export function createVisitCounter({ prisma, clock, baseline, displayIntervalMs, onError }: VisitCounterOptions): VisitCounter {
  let pendingVisits: Counts = new Map();
  let pendingViews: Counts = new Map();
  // Being written: still shown from memory until the read after the write includes them.
  let inFlight: Counts = new Map();
  let stored: { days: VisitDays; baseline: number; readAt: number } | null = null;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let shown: (VisitFigures & { builtAt: number; key: string }) | null = null;
  let version = 0;
  let closed = false;

  const schedule = () => {
    if (!timer && !closed) timer = setTimeout(() => void flush().catch(onError), FLUSH_MS).unref();
  };

  // One store-and-read at a time; counts made meanwhile wait for the next.
  const storeAndRead = async () => {
    const visits = pendingVisits;
    const views = pendingViews;
    pendingVisits = new Map();
    pendingViews = new Map();
    inFlight = visits;
    try {
      await addVisits(prisma, visits as Map<string, number>);
      await addArticleViews(prisma, views as Map<number, number>);
    } catch (error) {
      inFlight = new Map();
      for (const [k, n] of visits) add(pendingVisits, k, n);
      for (const [k, n] of views) add(pendingViews, k, n);
      schedule();
      throw error;
    }
    const [days, base] = await Promise.all([readVisitDays(prisma, clock), baseline()]);
    stored = { days, baseline: base, readAt: Date.now() };
    inFlight = new Map();
  };

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    running ??= storeAndRead().finally(() => {
      running = null;
      if (pendingVisits.size || pendingViews.size) schedule();
    });
    return running;
  }

  const current = (): VisitStats => {
    const days = stored?.days ?? { recent: new Map(), sum: 0 };
    const recent = new Map(days.recent);
    let sum = days.sum;
    for (const counts of [inFlight, pendingVisits]) {
      for (const [day, n] of counts) {
        add(recent as Counts, day, n);
        sum += n;
      }
    }
    return visitStats({ recent, sum }, clock(), stored?.baseline ?? 0);
  };

  return {
    countVisit() {
      add(pendingVisits, vnDayKey(clock()), 1);
      schedule();
    },
    countView(articleId) {
      add(pendingViews, articleId, 1);
      schedule();
    },
    figures() {
      if (!stored) return null;
      const now = Date.now();
      if (!running && (!stored || now - stored.readAt >= Math.max(displayIntervalMs, FLUSH_MS))) void flush().catch(onError);
      if (shown && now - shown.builtAt < displayIntervalMs && shown.key === vnDayKey(clock())) return shown;
      const stats = current();
      const key = vnDayKey(clock());
      const same = shown && shown.key === key && JSON.stringify(shown.stats) === JSON.stringify(stats);
      shown = { stats, version: same ? shown!.version : ++version, builtAt: now, key };
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
