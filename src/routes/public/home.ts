import { Router } from "express";
import type { AppContext } from "../../app.js";
import type { VisitRecorder } from "../../middleware/visits.js";

export function homeRouter({ chrome }: AppContext, recordVisit: VisitRecorder): Router {
  const router = Router();
  // GET /
  router.get("/", async (req, res) => {
    const home = await chrome.home();
    await recordVisit(req, res);
    res.render("public/home", { home, pageTitle: undefined });
  });
  return router;
}
