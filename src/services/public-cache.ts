import type { PrismaClient } from "../db.js";
import { cached, type Cached } from "../lib/cached.js";
import type { Clock } from "../lib/vi-time.js";
import type { Prisma } from "../generated/prisma/client.js";
import { getHome, getPublishedArticle, listingIds, type ArticlePage, type HomeData } from "./articles-public.js";
import { loadSiteChrome, type SiteChrome } from "./site-chrome.js";
import { activeNotices, nextNoticeChange, type NoticeView } from "./notices.js";

const TTL_MS = 30_000;
// The most read pages (articles, listings) stay in memory; the oldest entry makes room for a new one.
const MAX_CACHED_PAGES = 500;

/** When the next scheduled article goes live or a notice starts or ends: cached pages must not outlive that moment. */
async function nextScheduledAt(prisma: PrismaClient, clock: Clock): Promise<number | null> {
  const [next, notice] = await Promise.all([
    prisma.article.findFirst({
      where: { status: "published", deletedAt: null, publishedAt: { gt: clock() } },
      orderBy: { publishedAt: "asc" },
      select: { publishedAt: true },
    }),
    nextNoticeChange(prisma, clock()),
  ]);
  const times = [next?.publishedAt?.getTime(), notice?.getTime()].filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : null;
}

/** The site chrome with the notices shown now (top of every public page). */
export type ChromeWithNotices = SiteChrome & { notices: NoticeView[] };

/**
 * What every public page reads (header, navigation, ticker, footer), the home page, and the most read
 * article and listing pages, kept in memory. `invalidate()` after any write that changes what visitors
 * see; it clears everything. A page that fails to load (a 404) is not kept.
 */
export interface PublicCache extends Cached<ChromeWithNotices> {
  home(): Promise<HomeData>;
  /** A published article by slug (404 HttpError when not public), without its live view count. */
  article(slug: string): Promise<ArticlePage>;
  /** Any other public page's data, under a key that names it completely (path and page number). */
  page<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** A listing's public article ids, newest first, under a key that names the listing. */
  listing(key: string, where: Prisma.ArticleWhereInput): Promise<Int32Array>;
  /** When the next scheduled article goes live (ms), or null: nothing kept may outlive it. */
  nextGoLive(): Promise<number | null>;
}

export function createPublicCache(prisma: PrismaClient, clock: Clock): PublicCache {
  const now = () => clock().getTime();
  const goLive = cached(() => nextScheduledAt(prisma, clock), { ttlMs: TTL_MS, now, until: (at) => at });
  const withSchedule = async <T>(value: Promise<T>) => {
    const [v, until] = await Promise.all([value, goLive.get()]);
    return { value: v, until };
  };
  const options = { ttlMs: TTL_MS, now, until: (v: { until: number | null }) => v.until };
  const loadChrome = async (): Promise<ChromeWithNotices> => {
    const [site, notices] = await Promise.all([loadSiteChrome(prisma, clock), activeNotices(prisma, clock())]);
    return { ...site, notices };
  };
  const chrome = cached(() => withSchedule(loadChrome()), options);
  const home = cached(() => withSchedule(getHome(prisma, clock)), options);
  const pages = new Map<string, Cached<{ value: unknown; until: number | null }>>();
  const page = async <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let entry = pages.get(key);
    if (!entry) {
      if (pages.size >= MAX_CACHED_PAGES) pages.delete(pages.keys().next().value!);
      entry = cached(() => withSchedule<unknown>(load()), options);
      pages.set(key, entry);
    }
    try {
      return (await entry.get()).value as T;
    } catch (error) {
      pages.delete(key);
      throw error;
    }
  };
  return {
    get: async () => (await chrome.get()).value,
    home: async () => (await home.get()).value,
    article: (slug) => page(`article:${slug}`, () => getPublishedArticle(prisma, clock, slug)),
    page,
    listing: (key, where) => page(`ids:${key}`, () => listingIds(prisma, clock, where)),
    nextGoLive: () => goLive.get(),
    invalidate() {
      goLive.invalidate();
      chrome.invalidate();
      home.invalidate();
      pages.clear();
    },
  };
}
