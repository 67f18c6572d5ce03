import { Router } from "express";
import type { AppContext } from "../../app.js";
import { parseSearchQuery } from "../../lib/search-terms.js";
import { siteBase } from "../../lib/site-url.js";
import { vnIso } from "../../services/seo.js";
import { parseQuery } from "../../middleware/validate.js";
import { attachmentOwners, listAttachments } from "../../services/attachments.js";
import { QUESTIONS_FEED_PATH, QUESTIONS_PATH } from "../../services/questions.js";
import { questionsRss } from "../../services/questions-feed.js";
import { getPublishedQuestion, isAnswerPublic, listPublishedQuestions } from "../../services/questions-public.js";
import { questionsAskRouter } from "./questions-ask.js";
import { QuestionListQuery } from "./questions.schema.js";
import { SlugParams } from "./public.schema.js";

const FEED = { title: "Hỏi đáp", path: QUESTIONS_FEED_PATH };

/** /hoi-dap: published questions and answers, one question's page, its feed, the ask form and the tracking page. */
export function questionsRouter(ctx: AppContext): Router {
  const { prisma, clock, chrome, pages, config } = ctx;
  const router = Router();
  // The answer's file is public with its published question; the asker's own file never is.
  attachmentOwners.register("answer", isAnswerPublic);
  router.use(questionsAskRouter(ctx));

  // GET /hoi-dap?q=…&trang=N
  router.get(QUESTIONS_PATH, async (req, res) => {
    const { q, trang } = parseQuery(QuestionListQuery, req.query, "Số trang không hợp lệ.");
    const query = parseSearchQuery(q);
    const load = () => listPublishedQuestions(prisma, clock(), query.terms, trang);
    // Plain pages are kept in memory; a search is read each time (its words would fill the cache).
    const listing = query.terms.length ? await load() : await chrome.page(`questions:${trang}`, load);
    await pages.page(req, res, "public/questions/index", {
      pageTitle: "Hỏi đáp",
      metaDescription: "Câu hỏi của người dân, doanh nghiệp về thủ tục hành chính, cải cách hành chính tại thành phố Cần Thơ và câu trả lời của cơ quan.",
      ...(query.terms.length ? { metaRobots: "noindex, follow" } : {}),
      extraMeta: { feeds: [FEED] },
      q: query.text,
      searching: query.terms.length > 0,
      basePath: query.terms.length ? `${QUESTIONS_PATH}?q=${encodeURIComponent(query.text)}` : QUESTIONS_PATH,
      ...listing,
    });
  });

  // GET /hoi-dap/rss.xml
  router.get(QUESTIONS_FEED_PATH, async (req, res) => {
    const { settings } = await chrome.get();
    const xml = await questionsRss(prisma, clock(), { siteName: settings.siteName, copyright: settings.copyright }, siteBase(config, req));
    await pages.document(req, res, xml, "application/rss+xml; charset=utf-8", "public, max-age=300");
  });

  // GET /hoi-dap/:slug (?in=1 the print view)
  router.get(`${QUESTIONS_PATH}/:slug`, async (req, res) => {
    const { slug } = parseQuery(SlugParams, req.params, "Địa chỉ câu hỏi không hợp lệ.");
    const { question, attachments } = await chrome.page(`question:${slug}`, async () => {
      const found = await getPublishedQuestion(prisma, clock(), slug);
      return { question: found, attachments: (await listAttachments(prisma, "answer", [found.id])).get(found.id) ?? [] };
    });
    const date = question.answeredAt ?? question.publishedAt;
    await pages.page(req, res, "public/questions/show", {
      pageTitle: question.title,
      metaDescription: question.excerpt,
      extraMeta: {
        dc: [
          ...(question.answeredBy ? [["DC.creator", question.answeredBy] as [string, string]] : []),
          ["DC.date", vnIso(date).slice(0, 10)],
          ["DC.type", "Text"],
        ],
        feeds: [FEED],
      },
      question,
      attachments,
    });
  });
  return router;
}
