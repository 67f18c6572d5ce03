import type { Request, Response } from "express";
import { addDays, vnDayKey, vnDayStart, type Clock } from "../lib/vi-time.js";
import type { PageCache, RenderedPage } from "../services/page-cache.js";
import type { PageDelivery } from "./page-delivery.js";

// Where the layout puts the visit block: cut out when the page is kept, filled in on every view.
export const VISITS_SLOT = "<!--cchc:visits-->";
// Another instance's change reaches this one by NOTIFY; this bounds the damage if one is ever missed.
const PAGE_TTL_MS = 30_000;

export interface SendOptions {
  /** false for a page with a form token or anything else personal: sent once, never kept. */
  keep?: boolean;
  /** The article shown: a GET adds to its view count. */
  articleId?: number;
}

export interface PageSender {
  /** Renders a public HTML page, keeps it in memory when it can, and sends it. */
  page(req: Request, res: Response, view: string, data: Record<string, unknown>, options?: SendOptions): Promise<void>;
  /** Sends a feed or crawler file (never a visit), kept in memory like a page. */
  document(req: Request, res: Response, body: string, type: string, cacheControl: string): Promise<void>;
}

const render = (res: Response, view: string, data: Record<string, unknown>) =>
  new Promise<string>((resolve, reject) => res.render(view, data, (error, html) => (error ? reject(error) : resolve(html))));

// Headers the app set while making the page (helmet's among them); a kept page drops its cookies.
function appHeaders(res: Response, keep: boolean): [string, string][] {
  const skip = new Set(["content-type", "content-length", "etag", "cache-control", "vary", ...(keep ? ["set-cookie"] : [])]);
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (skip.has(name) || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, String(v)]);
  }
  return pairs;
}

export function createPageSender(pages: PageCache, delivery: PageDelivery, clock: Clock, nextGoLive: () => Promise<number | null>): PageSender {
  // Kept until the TTL, the next scheduled article going live, or midnight in Vietnam (the date in the header).
  const expiry = async () => {
    const now = clock();
    const midnight = vnDayStart(addDays(vnDayKey(now), 1)).getTime();
    const goLive = await nextGoLive();
    return Math.min(now.getTime() + PAGE_TTL_MS, midnight, goLive ?? Infinity);
  };

  const send = async (req: Request, res: Response, page: Omit<RenderedPage, "headers" | "status" | "expiresAt">, keep: boolean) => {
    const generation = res.locals.pageGeneration as number;
    keep &&= res.statusCode === 200;
    const full: RenderedPage = { ...page, status: res.statusCode, headers: appHeaders(res, keep), expiresAt: await expiry() };
    const key = delivery.key(req, req.originalUrl);
    if (keep) pages.set(key, full, generation);
    await delivery.send(req, res, key, full);
  };

  return {
    async page(req, res, view, data, options = {}) {
      const html = await render(res, view, { ...data, visitsSlot: VISITS_SLOT });
      const at = html.indexOf(VISITS_SLOT);
      const parts = at < 0 ? [Buffer.from(html)] : [Buffer.from(html.slice(0, at)), Buffer.from(html.slice(at + VISITS_SLOT.length))];
      const page = { contentType: "text/html; charset=utf-8", parts, countsVisit: true, articleId: options.articleId ?? null, cacheControl: "no-cache" };
      await send(req, res, page, options.keep !== false);
    },
    async document(req, res, body, type, cacheControl) {
      const page = { contentType: type, parts: [Buffer.from(body)], countsVisit: false, articleId: null, cacheControl };
      await send(req, res, page, true);
    },
  };
}
