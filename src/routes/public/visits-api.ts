import { Router } from "express";
import type { AppContext } from "../../app.js";
import { getVisitStats } from "../../services/visits.js";

export function visitsApiRouter({ prisma, clock, chrome }: AppContext): Router {
  const router = Router();
  // GET /api/visits
  router.get("/api/visits", async (_req, res) => {
    const { settings } = await chrome.get();
    res.set("cache-control", "no-store").json(await getVisitStats(prisma, clock, settings.visitBaseline));
  });
  return router;
}
