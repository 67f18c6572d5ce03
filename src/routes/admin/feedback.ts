import { Router, type Response } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import { formatStamp } from "../../lib/vi-time.js";
import {
  countFeedbackByStatus,
  FEEDBACK_STATUS_LABELS,
  FEEDBACK_STATUSES,
  getFeedback,
  listFeedback,
  setFeedbackStatus,
} from "../../services/feedback.js";
import { IdParams } from "./common.schema.js";
import { FeedbackQuery, FeedbackStatusBody } from "./feedback.schema.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";

const statusOptions = FEEDBACK_STATUSES.map((value) => ({ value, label: FEEDBACK_STATUS_LABELS[value] }));

/** The inbox of messages from the contact page (editors and administrators). */
export function feedbackRouter({ prisma }: AppContext): Router {
  const router = Router();
  router.use("/feedback", requireRole("admin", "editor"));

  const renderMessage = async (res: Response, id: number, values: object, errors: FieldErrors) => {
    const message = await getFeedback(prisma, id);
    res.render("admin/feedback/show", {
      pageTitle: message.subject,
      message: { ...message, receivedAt: formatStamp(message.createdAt), statusLabel: FEEDBACK_STATUS_LABELS[message.status as keyof typeof FEEDBACK_STATUS_LABELS] },
      statusOptions,
      values: { status: message.status, ...values },
      errors,
    });
  };

  // GET /admin/feedback?status=new&trang=2
  router.get("/feedback", async (req, res) => {
    const { status, trang } = parseQuery(FeedbackQuery, req.query, "Bộ lọc không hợp lệ.");
    const [{ messages, page }, counts] = await Promise.all([listFeedback(prisma, status, trang), countFeedbackByStatus(prisma)]);
    res.render("admin/feedback/index", {
      pageTitle: "Góp ý",
      messages: messages.map((m) => ({ ...m, receivedAt: formatStamp(m.createdAt), statusLabel: FEEDBACK_STATUS_LABELS[m.status as keyof typeof FEEDBACK_STATUS_LABELS] ?? m.status })),
      page,
      status: status ?? "",
      counts,
      statusOptions,
      basePath: status ? `/admin/feedback?status=${status}` : "/admin/feedback",
    });
  });

  // GET /admin/feedback/:id
  router.get("/feedback/:id", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    await renderMessage(res, id, {}, {});
  });

  // POST /admin/feedback/:id/status
  router.post("/feedback/:id/status", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    await handleForm(req, res, { flash: "Đã cập nhật trạng thái.", field: "status", refused: (errors) => renderMessage(res, id, req.body ?? {}, errors) }, async () => {
      const { status } = parseForm(FeedbackStatusBody, req.body ?? {});
      await setFeedbackStatus(prisma, id, status, actorOf(req, res));
      return { id, url: `/admin/feedback/${id}` };
    });
  });
  return router;
}
