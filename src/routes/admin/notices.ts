import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import {
  createNotice,
  deleteNotice,
  getNoticeForAdmin,
  listNoticesForAdmin,
  noticeUrl,
  noticeValues,
  updateNotice,
} from "../../services/notices-admin.js";
import { NOTICE_LEVEL_LABELS, NOTICE_LEVELS, OUTAGE_NOTICE_WORKING_DAYS } from "../../services/notices.js";
import { IdParams } from "./common.schema.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";
import { NoticeBody } from "./notices.schema.js";

const BASE = "/admin/notices";
const levels = NOTICE_LEVELS.map((value) => ({ value, label: NOTICE_LEVEL_LABELS[value] }));
const styles = ["/assets/css/admin-par.css"];

/** Notices at the top of the public pages: urgent announcements and planned outages (editors and administrators). */
export function noticesAdminRouter({ prisma, chrome, clock }: AppContext): Router {
  const router = Router();
  router.use("/notices", requireRole("admin", "editor"));

  const renderForm = (res: Response, id: number | null, values: object, errors: FieldErrors) =>
    res.render("admin/notices/form", {
      pageTitle: id ? "Sửa thông báo" : "Thêm thông báo",
      adminStyles: styles,
      id,
      levels,
      values,
      errors,
      workingDays: OUTAGE_NOTICE_WORKING_DAYS,
    });

  const save = (req: Request, res: Response, id: number | null) =>
    handleForm(req, res, { status: id ? 200 : 201, flash: "Đã lưu thông báo.", redirect: BASE, refused: (errors) => renderForm(res, id, req.body ?? {}, errors) }, async () => {
      const input = parseForm(NoticeBody, req.body ?? {});
      const notice = id ? await updateNotice(prisma, clock, actorOf(req, res), id, input) : await createNotice(prisma, clock, actorOf(req, res), input);
      await chrome.invalidate();
      return { id: notice.id, url: noticeUrl(notice.id) };
    });

  // GET /admin/notices
  router.get("/notices", async (_req, res) => {
    res.render("admin/notices/index", { pageTitle: "Thông báo trên trang", adminStyles: styles, ...(await listNoticesForAdmin(prisma, clock)) });
  });

  // GET /admin/notices/new
  router.get("/notices/new", (_req, res) => renderForm(res, null, { level: "info" }, {}));

  // POST /admin/notices
  router.post("/notices", (req, res) => save(req, res, null));

  // GET /admin/notices/:id/edit
  router.get("/notices/:id/edit", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    renderForm(res, id, noticeValues(await getNoticeForAdmin(prisma, id)), {});
  });

  // POST /admin/notices/:id
  router.post("/notices/:id", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    await getNoticeForAdmin(prisma, id);
    await save(req, res, id);
  });

  // GET /admin/notices/:id/delete: asks first
  router.get("/notices/:id/delete", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    res.render("admin/notices/delete", { pageTitle: "Xoá thông báo", notice: await getNoticeForAdmin(prisma, id), errors: {} });
  });

  // POST /admin/notices/:id/delete
  router.post("/notices/:id/delete", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    await handleForm(req, res, { flash: "Đã xoá thông báo.", redirect: BASE, field: "confirm", refused: () => undefined }, async () => {
      await deleteNotice(prisma, actorOf(req, res), id);
      await chrome.invalidate();
      return { id, url: BASE };
    });
  });
  return router;
}
