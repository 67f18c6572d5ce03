import { Router } from "express";
import type { AppContext } from "../../app.js";
import { publicFormLimit } from "../../middleware/rate-limit.js";
import { checkForm } from "../../middleware/validate.js";
import { submitFeedback } from "../../services/feedback.js";
import { FeedbackBody } from "./contact.schema.js";

const FEEDBACK_WINDOW_MS = 15 * 60 * 1000;
const FEEDBACK_PER_WINDOW = 5;

export function contactRouter({ prisma, clock, pages }: AppContext): Router {
  const router = Router();
  const limiter = publicFormLimit(prisma, clock, {
    prefix: "feedback:",
    windowMs: FEEDBACK_WINDOW_MS,
    limit: FEEDBACK_PER_WINDOW,
    message: "Bạn đã gửi quá nhiều góp ý. Vui lòng thử lại sau 15 phút.",
  });

  // GET /lien-he
  router.get("/lien-he", async (req, res) => {
    // Its form carries a token of this visitor's own: sent once, never kept.
    const data = { pageTitle: "Liên hệ", sent: req.query["da-gui"] === "1", values: {}, errors: {} };
    await pages.page(req, res, "public/contact", data, { keep: false });
  });

  // POST /lien-he
  router.post("/lien-he", limiter, async (req, res) => {
    const parsed = checkForm(FeedbackBody, req.body ?? {});
    if (!parsed.ok) {
      res.status(422);
      const data = { pageTitle: "Liên hệ", sent: false, values: req.body ?? {}, errors: parsed.errors };
      await pages.page(req, res, "public/contact", data, { keep: false });
      return;
    }
    // A filled honeypot is a robot: answer as if stored, keep nothing.
    if (parsed.data.website === "") await submitFeedback(prisma, parsed.data, req.ip ?? "");
    res.redirect(303, "/lien-he?da-gui=1");
  });
  return router;
}
