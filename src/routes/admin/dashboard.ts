import { Router } from "express";
import type { AppContext } from "../../app.js";

export function dashboardRouter(_ctx: AppContext): Router {
  const router = Router();
  // GET /admin
  router.get("/", (_req, res) => {
    res.render("admin/dashboard", { pageTitle: "Bảng điều khiển" });
  });
  return router;
}
