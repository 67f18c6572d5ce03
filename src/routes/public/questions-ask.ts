import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { publicFormLimit } from "../../middleware/rate-limit.js";
import { HttpError } from "../../errors.js";
import { singleAttachmentUpload, uploadedAttachments } from "../../middleware/attachment-upload.js";
import { wantsJson } from "../../middleware/errors.js";
import { checkForm, parseQuery } from "../../middleware/validate.js";
import { ATTACHMENT_ACCEPT, ATTACHMENT_TYPES_TEXT, checkAttachments, type CheckedAttachment } from "../../services/attachments.js";
import { megabytes } from "../../services/media.js";
import { ASK_PATH, LOOKUP_PATH, QUESTIONS_PATH } from "../../services/questions.js";
import { askQuestion, lookupQuestion } from "../../services/questions-ask.js";
import { newQuestionCode } from "../../services/questions-code.js";
import { createMailer } from "../../services/mailer.js";
import { siteBase } from "../../lib/site-url.js";
import { AskBody, LookupQuery, QUESTION_TEXT_MAX, QUESTION_TITLE_MAX } from "./questions.schema.js";

const WINDOW_MS = 15 * 60 * 1000;
const QUESTIONS_PER_WINDOW = 5;
// Far more than anyone checking their own questions needs, far too few to try codes (32⁸ of them).
const LOOKUPS_PER_WINDOW = 30;
const NOT_FOUND = "Không tìm thấy câu hỏi với mã này.";

type Values = Record<string, unknown>;
type Errors = Record<string, string>;

/** The ask form (GET /hoi-dap/gui-cau-hoi, POST /hoi-dap) and the tracking page (GET /hoi-dap/tra-cuu). */
export function questionsAskRouter(ctx: AppContext): Router {
  const { prisma, clock, pages, config, logger } = ctx;
  const router = Router();
  const mailer = createMailer(config, logger);
  const limiter = (prefix: string, limit: number, message: string, skip?: (req: Request) => boolean) =>
    publicFormLimit(prisma, clock, { prefix, windowMs: WINDOW_MS, limit, message, ...(skip ? { skip } : {}) });
  const askLimiter = limiter("question:", QUESTIONS_PER_WINDOW, "Bạn đã gửi quá nhiều câu hỏi. Vui lòng thử lại sau 15 phút.");
  const lookupLimiter = limiter("question-lookup:", LOOKUPS_PER_WINDOW, "Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau 15 phút.", (req) => !req.query["ma"]);
  const upload = singleAttachmentUpload(config);
  const fileHint = `Một tệp ${ATTACHMENT_TYPES_TEXT}, tối đa ${megabytes(config.attachmentMaxBytes)}.`;

  // The form carries a token of this visitor's own: sent once, never kept.
  const showForm = (req: Request, res: Response, values: Values, errors: Errors, sent: { code: string } | null = null) =>
    pages.page(
      req,
      res,
      "public/questions/ask",
      { pageTitle: "Gửi câu hỏi", values, errors, sent, accept: ATTACHMENT_ACCEPT, fileHint, titleMax: QUESTION_TITLE_MAX, textMax: QUESTION_TEXT_MAX },
      { keep: false },
    );

  const refuse = async (req: Request, res: Response, status: number, errors: Errors) => {
    res.status(status);
    if (wantsJson(req)) return void res.json({ error: Object.values(errors)[0], fields: errors });
    await showForm(req, res, (req.body ?? {}) as Values, errors);
  };

  // GET /hoi-dap/gui-cau-hoi
  router.get(ASK_PATH, (req, res) => showForm(req, res, {}, {}));

  // POST /hoi-dap: a refused upload (too large, two files) shows the form again with the message.
  const receive = ctx.csrf.multipart(QUESTIONS_PATH, (req, res, next) =>
    upload(req, res, (error?: unknown) => {
      if (error instanceof HttpError && error.status !== 400) return void refuse(req, res, error.status, error.fields).catch(next);
      next(error);
    }),
  );
  router.post(QUESTIONS_PATH, ...receive, askLimiter, async (req, res) => {
    const parsed = checkForm(AskBody, req.body ?? {});
    const errors: Errors = parsed.ok ? {} : { ...parsed.errors };
    // Every file is checked by its bytes before anything is stored, and reported with the fields.
    let file: CheckedAttachment | undefined;
    try {
      [file] = await checkAttachments(uploadedAttachments(req), { maxBytes: config.attachmentMaxBytes, field: "file" });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      errors["file"] = error.message;
    }
    if (!parsed.ok || errors["file"]) return refuse(req, res, 422, errors);

    // A filled honeypot is a robot: answer as if stored, with a code that leads nowhere.
    let code = newQuestionCode();
    if (parsed.data.website === "") {
      const { website: _honeypot, ...input } = parsed.data;
      const asked = await askQuestion(prisma, input, req.ip ?? "", file ? { file: { checked: file, store: ctx.files } } : {});
      code = asked.code;
      // The code is on the page whatever happens; the mail (where SMTP_URL is set) is a copy, sent
      // without making the asker wait for the mail server.
      const lookup = `${siteBase(config, req)}${LOOKUP_PATH}?ma=${encodeURIComponent(code)}`;
      if (mailer) {
        void mailer.send({
          to: input.email,
          subject: `Mã tra cứu câu hỏi của bạn: ${code}`,
          text:
            `Kính gửi ${input.name},\n\nCâu hỏi “${input.title}” của bạn đã được tiếp nhận.\n` +
            `Mã tra cứu: ${code}\nXem tình trạng xử lý và câu trả lời tại: ${lookup}\n\n` +
            `Thư này được gửi tự động; vui lòng không trả lời thư.`,
        });
      } else logger.info({ questionId: asked.id, code }, "question received; no mail sent (SMTP_URL is not set)");
    }
    // Nothing public changed: a new question is seen by staff only, so no kept page is dropped.
    res.status(201);
    if (wantsJson(req)) return void res.json({ code });
    await showForm(req, res, {}, {}, { code });
  });

  // GET /hoi-dap/tra-cuu?ma=CODE: the same answer for an unknown and a malformed code.
  router.get(LOOKUP_PATH, lookupLimiter, async (req, res) => {
    const { ma } = parseQuery(LookupQuery, req.query);
    const found = ma ? await lookupQuestion(prisma, clock(), ma) : null;
    if (ma && !found) res.status(404);
    // Kept only when found (a 200): the page names no one, and any change to the question drops it.
    await pages.page(req, res, "public/questions/lookup", {
      pageTitle: "Tra cứu câu hỏi",
      status: res.statusCode,
      metaRobots: "noindex, nofollow",
      code: ma,
      found,
      notFound: ma && !found ? NOT_FOUND : null,
    });
  });
  return router;
}
