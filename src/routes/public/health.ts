import { Router } from "express";
import type { AppContext } from "../../app.js";

export function healthRouter({ prisma }: AppContext): Router {
  const router = Router();
  // GET /healthz: 200 only when the database answers too.
  router.get("/healthz", async (_req, res) => {
    try {
      // A real table, so a missing or unmigrated database is caught, not just a live connection.
      await prisma.$queryRaw`SELECT "id" FROM "SiteSettings" LIMIT 1`;
      res.set("cache-control", "no-store").json({ status: "ok" });
    } catch {
      res.status(503).set("cache-control", "no-store").json({ status: "error", error: "Cơ sở dữ liệu không phản hồi." });
    }
  });
  return router;
}
