import { Router } from "express";
import type { AppContext } from "../../app.js";
import type { VisitRecorder } from "../../middleware/visits.js";
import { homeRouter } from "./home.js";
import { articlesRouter } from "./articles.js";
import { taxonomyRouter } from "./taxonomy.js";
import { contactRouter } from "./contact.js";
import { searchRouter } from "./search.js";
import { displayRouter } from "./display.js";
import { publicPageLocals } from "../../middleware/public-page.js";

/** The public HTML pages; each records the visit once it knows it will render. */
export function publicPagesRouter(ctx: AppContext, recordVisit: VisitRecorder): Router {
  const router = Router();
  router.use(publicPageLocals(ctx.config));
  router.use(displayRouter(ctx));
  router.use(homeRouter(ctx, recordVisit));
  router.use(articlesRouter(ctx, recordVisit));
  router.use(taxonomyRouter(ctx, recordVisit));
  router.use(searchRouter(ctx, recordVisit));
  router.use(contactRouter(ctx, recordVisit));
  return router;
}
