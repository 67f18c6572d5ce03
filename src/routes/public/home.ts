import { Router } from "express";
import type { AppContext } from "../../app.js";
import type { VisitRecorder } from "../../middleware/visits.js";
import { getHome } from "../../services/articles-public.js";

export function homeRouter({ prisma, clock }: AppContext, recordVisit: VisitRecorder): Router {
  const router = Router();
  // GET /
  router.get("/", async (req, res) => {
    const home = await getHome(prisma, clock);
    await recordVisit(req, res);
    res.render("public/home", { home, pageTitle: undefined });
  });
  return router;
}
