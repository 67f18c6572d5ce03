import type { Request, Response } from "express";
import type { PrismaClient } from "../db.js";
import type { Clock } from "../lib/vi-time.js";
import { countVisit, getVisitStats, isCrawler } from "../services/visits.js";

export const VISIT_COOKIE = "cchc_visit";
const VISIT_WINDOW_MS = 30 * 60 * 1000;

/** Called by a public page once it knows it will render (so 404s, assets and feeds never count). */
export type VisitRecorder = (req: Request, res: Response) => Promise<void>;

/**
 * A reader without a live visit cookie is one new visit; the cookie lives 30 minutes from the
 * last page view. Crawlers are never counted. Also puts the counter block's figures in locals.
 */
export function visitRecorder(prisma: PrismaClient, clock: Clock, baseline: () => Promise<number>): VisitRecorder {
  return async (req, res) => {
    if (req.method === "GET" && !isCrawler(req.get("user-agent"))) {
      if (!req.cookies?.[VISIT_COOKIE]) await countVisit(prisma, clock);
      res.cookie(VISIT_COOKIE, "1", { maxAge: VISIT_WINDOW_MS, httpOnly: true, sameSite: "lax", secure: req.secure });
    }
    res.locals.visits = await getVisitStats(prisma, clock, await baseline());
  };
}
