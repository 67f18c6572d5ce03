import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { publicFormLimit } from "../../middleware/rate-limit.js";
import { HttpError, notFound } from "../../errors.js";
import { wantsJson } from "../../middleware/errors.js";
import { checkForm, parseQuery } from "../../middleware/validate.js";
import {
  findRatablePage,
  newVisitorCookie,
  NOT_RATABLE,
  RATING_COMMENT_MAX,
  RATING_COOKIE,
  RATING_COOKIE_MAX_AGE_MS,
  RATING_SCORE_LABELS,
  submitRating,
  visitorHash,
} from "../../services/ratings.js";
import { isCrawler } from "../../services/visits.js";
import { RatingBody, RatingQuery } from "./ratings.schema.js";

const RATING_WINDOW_MS = 15 * 60 * 1000;
const RATINGS_PER_WINDOW = 10;
/** On the rated page after a rating without JavaScript: the partial thanks the reader. */
export const THANKS_PARAM = "danh-gia";

const scores = [1, 2, 3, 4, 5].map((value) => ({ value, label: RATING_SCORE_LABELS[value]! }));

/**
 * The rating of a page. Pages that show the question are kept in memory and shared by everyone, so
 * they carry no form token: they link to GET /danh-gia?path=…, a small page of its own (never kept)
 * with the form and this visitor's token; with JavaScript that form is loaded in place. POST
 * /danh-gia stores the rating and goes back to the page (303) with a thank-you.
 */
export function ratingsRouter({ prisma, clock, pages, config }: AppContext): Router {
  const router = Router();
  const limiter = publicFormLimit(prisma, clock, {
    prefix: "rating:",
    windowMs: RATING_WINDOW_MS,
    limit: RATINGS_PER_WINDOW,
    message: "Bạn đã gửi quá nhiều đánh giá. Vui lòng thử lại sau 15 phút.",
  });

  // Every public page: the thank-you after a rating sent without JavaScript (?danh-gia=cam-on).
  router.use((req, res, next) => {
    if (req.method === "GET" && req.query[THANKS_PARAM] === "cam-on") res.locals.ratingThanks = true;
    next();
  });

  /** The visitor's long-lived random cookie, made on first use. */
  const visitorOf = (req: Request, res: Response): string => {
    let cookie = req.cookies?.[RATING_COOKIE] as string | undefined;
    if (!cookie || !/^[A-Za-z0-9_-]{16,64}$/.test(cookie)) {
      cookie = newVisitorCookie();
      res.cookie(RATING_COOKIE, cookie, { httpOnly: true, sameSite: "lax", secure: req.secure, path: "/", maxAge: RATING_COOKIE_MAX_AGE_MS });
    }
    return cookie;
  };

  const renderForm = async (req: Request, res: Response, page: { path: string; title: string } | null, values: object, errors: Record<string, string>, fragment = false) => {
    const data = {
      pageTitle: "Đánh giá trang",
      metaRobots: "noindex, nofollow",
      rating: { path: page?.path ?? "", title: page?.title ?? "", scores, values, errors, commentMax: RATING_COMMENT_MAX },
    };
    if (fragment) {
      res.render("partials/rating", { ...data, ratingForm: true, ratingPath: page?.path ?? "", layout: false });
      return;
    }
    // Its form carries this visitor's token: sent once, never kept.
    await pages.page(req, res, "public/ratings/form", data, { keep: false });
  };

  // GET /danh-gia?path=/tin-tuc/…  (&khung=1: the form alone, for the page's script)
  router.get("/danh-gia", async (req, res) => {
    const { path, khung } = parseQuery(RatingQuery, req.query, NOT_RATABLE);
    const page = await findRatablePage(prisma, clock, path);
    if (!page) throw notFound(NOT_RATABLE);
    visitorOf(req, res);
    res.set("cache-control", "no-store");
    await renderForm(req, res, page, {}, {}, khung === "1");
  });

  // POST /danh-gia: path, score (1-5), comment (optional), _csrf
  router.post(
    "/danh-gia",
    (req, res, next) => {
      // Robots are answered as if heard, and nothing is stored or counted.
      if (isCrawler(req.get("user-agent"))) return void res.status(204).end();
      next();
    },
    limiter,
    async (req, res) => {
      const json = wantsJson(req);
      const parsed = checkForm(RatingBody, req.body ?? {});
      const refuse = async (status: number, errors: Record<string, string>, page: { path: string; title: string } | null) => {
        res.status(status);
        if (json) return void res.json({ error: Object.values(errors)[0], fields: errors });
        await renderForm(req, res, page, req.body ?? {}, errors);
      };
      const rawPath = typeof req.body?.path === "string" ? (req.body.path as string) : "";
      const page = parsed.ok ? await findRatablePage(prisma, clock, parsed.data.path) : await findRatablePage(prisma, clock, rawPath).catch(() => null);
      if (!parsed.ok) return refuse(422, parsed.errors, page);
      if (!page) return refuse(422, { path: NOT_RATABLE }, null);
      try {
        await submitRating(prisma, clock, { ...parsed.data, visitor: visitorHash(config.sessionSecret, visitorOf(req, res)), ip: req.ip ?? "" });
      } catch (error) {
        if (error instanceof HttpError && (error.status === 409 || error.status === 422)) return refuse(error.status, { form: error.message }, page);
        throw error;
      }
      if (json) return void res.status(201).json({ message: "Cảm ơn bạn đã đánh giá. Ý kiến của bạn giúp chúng tôi cải thiện thông tin." });
      res.redirect(303, `${page.path}?${THANKS_PARAM}=cam-on#danh-gia`);
    },
  );
  return router;
}
