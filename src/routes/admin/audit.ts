import { Router } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { parseQuery } from "../../middleware/validate.js";
import { formatStamp } from "../../lib/vi-time.js";
import { AUDIT_ACTION_LABELS, listAudit } from "../../services/audit.js";
import { PageQuery } from "./common.schema.js";

/** The audit log: who did what, when and from where, newest first (administrators). */
export function auditRouter({ prisma }: AppContext): Router {
  const router = Router();
  router.use("/audit", requireRole("admin"));

  // GET /admin/audit?trang=2
  router.get("/audit", async (req, res) => {
    const { trang } = parseQuery(PageQuery, req.query, "Số trang không hợp lệ.");
    const { entries, page } = await listAudit(prisma, trang);
    res.render("admin/audit/index", {
      pageTitle: "Nhật ký hoạt động",
      entries: entries.map((e) => ({
        ...e,
        when: formatStamp(e.createdAt),
        actionLabel: AUDIT_ACTION_LABELS[e.action] ?? e.action,
        who: e.user ? `${e.user.name} (${e.user.email})` : e.ip === "dòng lệnh" ? "Dòng lệnh" : "—",
      })),
      page,
      basePath: "/admin/audit",
    });
  });
  return router;
}
