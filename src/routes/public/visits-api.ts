import { Router } from "express";
import type { AppContext } from "../../app.js";

export function visitsApiRouter({ visits }: AppContext): Router {
  const router = Router();
  // GET /api/visits: the figures the visit block shows, from memory (at most a second late).
  router.get("/api/visits", async (_req, res) => {
    await visits.read();
    res.set("cache-control", "no-store").json(visits.figures()!.stats);
  });
  return router;
}
