import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { HttpError } from "../../errors.js";
import { requireRole } from "../../middleware/auth.js";
import { singleAttachmentUpload, uploadedAttachments } from "../../middleware/attachment-upload.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import { ATTACHMENT_ACCEPT, ATTACHMENT_TYPES_TEXT, checkAttachments, listAttachments } from "../../services/attachments.js";
import { megabytes } from "../../services/media.js";
import { QUESTION_STATUS_LABELS, QUESTION_STATUSES } from "../../services/questions.js";
import { countQuestionsByStatus, getQuestionForStaff, listQuestionsForStaff } from "../../services/questions-admin.js";
import { adminQuestionUrl, answerQuestion, restoreQuestion, trashQuestion } from "../../services/questions-answer.js";
import { IdParams } from "./common.schema.js";
import { actorOf, handleForm, rowAction, type FieldErrors, type FormOptions } from "./form.js";
import { AnswerBody, StaffQuestionQuery } from "./questions.schema.js";

// The answer is written in the article editor (Quill over a plain textarea, which works without it).
const EDITOR_STYLES = ["/assets/vendor/quill/quill.snow.css"];
const EDITOR_SCRIPTS = ["/assets/vendor/quill/quill.js", "/assets/js/editor.js"];
const statusOptions = QUESTION_STATUSES.map((value) => ({ value, label: QUESTION_STATUS_LABELS[value] }));
const BAD_ID = "Mã câu hỏi không hợp lệ.";

const asText = (value: unknown) => (typeof value === "string" ? value : "");
const ticked = (value: unknown) => value === true || value === "on" || value === "1" || value === "true";

/**
 * Citizens' questions for editors and administrators: the list (open ones first, oldest first),
 * one question with everything its asker sent, and the answer form. Authors get 403: the
 * questions carry people's names, e-mails, phones and addresses, and answering speaks for the office.
 */
export function questionsAdminRouter(ctx: AppContext): Router {
  const { prisma, clock, config, chrome } = ctx;
  const router = Router();
  router.use("/questions", requireRole("admin", "editor"));
  const upload = singleAttachmentUpload(config);
  const fileHint = `Một tệp ${ATTACHMENT_TYPES_TEXT}, tối đa ${megabytes(config.attachmentMaxBytes)}; thay tệp đang có. Người đọc tải được khi câu hỏi được công khai.`;
  const managingUnit = async () => (await chrome.get()).settings.managingUnit;

  const renderQuestion = async (res: Response, id: number, values: Record<string, unknown> | null, errors: FieldErrors) => {
    const question = await getQuestionForStaff(prisma, clock(), id);
    const [askerFiles, answerFiles] = await Promise.all([listAttachments(prisma, "question", [id]), listAttachments(prisma, "answer", [id])]);
    res.locals["adminStyles"] = EDITOR_STYLES;
    res.locals["adminScripts"] = EDITOR_SCRIPTS;
    res.render("admin/questions/show", {
      pageTitle: question.title,
      question,
      askerFiles: askerFiles.get(id) ?? [],
      answerFiles: answerFiles.get(id) ?? [],
      statusOptions,
      values: values ?? {
        answer: question.answer,
        answeredBy: question.answeredBy || (await managingUnit()),
        status: question.status,
        forwardNote: question.forwardNote,
        published: question.published,
      },
      errors,
      accept: ATTACHMENT_ACCEPT,
      fileHint,
    });
  };

  // GET /admin/questions?status=…&trang=N
  router.get("/questions", async (req, res) => {
    const { status, trang } = parseQuery(StaffQuestionQuery, req.query, "Bộ lọc không hợp lệ.");
    const [{ questions, page }, counts] = await Promise.all([listQuestionsForStaff(prisma, clock(), status, trang), countQuestionsByStatus(prisma)]);
    res.render("admin/questions/index", {
      pageTitle: "Hỏi đáp",
      questions,
      page,
      counts,
      status: status ?? "",
      statusOptions,
      basePath: status ? `/admin/questions?status=${status}` : "/admin/questions",
    });
  });

  // GET /admin/questions/:id
  router.get("/questions/:id", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, BAD_ID);
    await renderQuestion(res, id, null, {});
  });

  const formOptions = (req: Request, res: Response, id: number): FormOptions => ({
    flash: (saved) => ("publicUrl" in saved ? "Đã lưu câu trả lời; câu hỏi đang được công khai." : "Đã lưu câu trả lời."),
    // A refusal of no field of its own (a question put in the trash meanwhile: 409) is shown at the status.
    field: "status",
    refused: (errors) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = { answer: asText(body["answer"]), answeredBy: asText(body["answeredBy"]), status: asText(body["status"]), forwardNote: asText(body["forwardNote"]), published: ticked(body["published"]) };
      return renderQuestion(res, id, values, errors);
    },
  });

  // POST /admin/questions/:id (multipart: the answer's file). A refused upload (too large, two
  // files) shows the form again with the message beside the file field.
  const receive = ctx.csrf.multipart("/admin/questions/:id", (req, res, next) =>
    upload(req, res, (error?: unknown) => {
      if (!(error instanceof HttpError) || error.status === 400) return next(error);
      const { id } = parseQuery(IdParams, req.params, BAD_ID);
      handleForm(req, res, formOptions(req, res, id), () => Promise.reject(error)).catch(next);
    }),
  );
  router.post("/questions/:id", ...receive, async (req, res) => {
    const { id } = parseQuery(IdParams, req.params, BAD_ID);
    await handleForm(req, res, formOptions(req, res, id), async () => {
      const { removeFile, ...input } = parseForm(AnswerBody, req.body ?? {});
      const [file] = await checkAttachments(uploadedAttachments(req), { maxBytes: config.attachmentMaxBytes, field: "file" });
      const options = { defaultUnit: await managingUnit(), store: ctx.files, ...(file ? { file } : {}), removeFile };
      const saved = await answerQuestion(prisma, clock(), actorOf(req, res), id, input, options);
      // The public list, the question's page and its tracking page may all change.
      await chrome.invalidate();
      return saved;
    });
  });

  const rowOptions = { actor: actorOf, invalidate: () => chrome.invalidate(), badId: BAD_ID };

  // POST /admin/questions/:id/trash
  router.post(
    "/questions/:id/trash",
    rowAction(rowOptions, (id, actor) => trashQuestion(prisma, clock(), actor, id), "Đã chuyển câu hỏi vào thùng rác; câu hỏi không còn hiển thị công khai.", () => "/admin/questions"),
  );

  // POST /admin/questions/:id/restore
  router.post(
    "/questions/:id/restore",
    rowAction(rowOptions, (id, actor) => restoreQuestion(prisma, actor, id), "Đã khôi phục câu hỏi.", adminQuestionUrl),
  );
  return router;
}
