import { Router } from "express";
import type { AppContext } from "../../app.js";
import { homeRouter } from "./home.js";
import { articlesRouter } from "./articles.js";
import { taxonomyRouter } from "./taxonomy.js";
import { contactRouter } from "./contact.js";
import { parIndexRouter } from "./par-index.js";
import { ratingsRouter } from "./ratings.js";
import { searchRouter } from "./search.js";
import { displayRouter } from "./display.js";
import { attachmentsRouter } from "./attachments.js";
import { documentsRouter } from "./documents.js";
import { proceduresRouter } from "./procedures.js";
import { questionsRouter } from "./questions.js";
import { organisationPagesRouter } from "./organisation.js";
import { publicPageLocals } from "../../middleware/public-page.js";

/** The public HTML pages, each sent through ctx.pages (kept in memory, counted as a visit). */
export function publicPagesRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(publicPageLocals(ctx.config));
  router.use(ratingsRouter(ctx)); // first: it marks the thank-you (?danh-gia=cam-on) for every page
  router.use(displayRouter(ctx));
  router.use(attachmentsRouter(ctx));
  router.use(homeRouter(ctx));
  router.use(articlesRouter(ctx));
  router.use(taxonomyRouter(ctx));
  router.use(searchRouter(ctx));
  router.use(contactRouter(ctx));
  router.use(parIndexRouter(ctx));
  router.use(questionsRouter(ctx));
  router.use(documentsRouter(ctx));
  router.use(proceduresRouter(ctx));
  router.use(organisationPagesRouter(ctx));
  return router;
}
