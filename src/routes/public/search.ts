import { Router } from "express";
import type { AppContext } from "../../app.js";
import type { VisitRecorder } from "../../middleware/visits.js";

// Replaced by the FTS5 search of the findability issue.
export function searchRouter(_ctx: AppContext, recordVisit: VisitRecorder): Router {
  const router = Router();
  // GET /tim-kiem?q=
  router.get("/tim-kiem", async (req, res) => {
    await recordVisit(req, res);
    const q = typeof req.query["q"] === "string" ? req.query["q"].slice(0, 200) : "";
    res.render("public/search", { pageTitle: "Tìm kiếm", q, results: [] });
  });
  return router;
}
