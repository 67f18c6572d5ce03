import { Router } from "express";
import type { AppContext } from "../../app.js";
import { STATUS_LABELS } from "../../services/article-access.js";
import { getDashboard } from "../../services/dashboard.js";
import type { CurrentUser } from "../../services/users.js";

const COUNTED = ["draft", "pending", "published", "scheduled", "trash"] as const;

/** /admin: article counts by status, recent articles and the last 30 days of visits. */
export function dashboardRouter({ prisma, clock, visits }: AppContext): Router {
  const router = Router();
  // GET /admin
  router.get("/", async (_req, res) => {
    const user = res.locals.user as CurrentUser;
    // The visits counted in the last second are stored first, so the chart is exact.
    await visits.flush();
    const data = await getDashboard(prisma, clock, user);
    res.render("admin/dashboard", {
      pageTitle: "Bảng điều khiển",
      ...data,
      statuses: COUNTED.map((status) => ({ status, label: STATUS_LABELS[status], count: data.counts[status] })),
      ownOnly: user.role === "author",
    });
  });
  return router;
}
