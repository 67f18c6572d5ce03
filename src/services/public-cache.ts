import type { PrismaClient } from "../db.js";
import { cached, type Cached } from "../lib/cached.js";
import type { Clock } from "../lib/vi-time.js";
import { getHome, getPublishedArticle, type ArticlePage, type HomeData } from "./articles-public.js";
import { loadSiteChrome, type SiteChrome } from "./site-chrome.js";

const TTL_MS = 30_000;
// The most read articles stay in memory; the oldest entry makes room for a new one.
const MAX_CACHED_ARTICLES = 300;

/** When the next scheduled article goes live: cached pages must not outlive that moment. */
async function nextScheduledAt(prisma: PrismaClient, clock: Clock): Promise<number | null> {
  const next = await prisma.article.findFirst({
    where: { status: "published", deletedAt: null, publishedAt: { gt: clock() } },
    orderBy: { publishedAt: "asc" },
    select: { publishedAt: true },
  });
  return next?.publishedAt?.getTime() ?? null;
}

/**
 * What every public page reads (header, navigation, ticker, footer) and the home page, kept in memory.
 * `invalidate()` after any write that changes them; it clears both.
 */
export interface PublicCache extends Cached<SiteChrome> {
  home(): Promise<HomeData>;
  /** A published article by slug (404 HttpError when not public), without its live view count. */
  article(slug: string): Promise<ArticlePage>;
}

export function createPublicCache(prisma: PrismaClient, clock: Clock): PublicCache {
  const withSchedule = async <T>(value: Promise<T>) => {
    const [v, until] = await Promise.all([value, nextScheduledAt(prisma, clock)]);
    return { value: v, until };
  };
  const options = { ttlMs: TTL_MS, now: () => clock().getTime(), until: (v: { until: number | null }) => v.until };
  const chrome = cached(() => withSchedule(loadSiteChrome(prisma, clock)), options);
  const home = cached(() => withSchedule(getHome(prisma, clock)), options);
  const articles = new Map<string, Cached<{ value: ArticlePage; until: number | null }>>();
  return {
    get: async () => (await chrome.get()).value,
    home: async () => (await home.get()).value,
    async article(slug) {
      let entry = articles.get(slug);
      if (!entry) {
        if (articles.size >= MAX_CACHED_ARTICLES) articles.delete(articles.keys().next().value!);
        entry = cached(() => withSchedule(getPublishedArticle(prisma, clock, slug)), options);
        articles.set(slug, entry);
      }
      try {
        return (await entry.get()).value;
      } catch (error) {
        articles.delete(slug);
        throw error;
      }
    },
    invalidate() {
      chrome.invalidate();
      home.invalidate();
      articles.clear();
    },
  };
}
