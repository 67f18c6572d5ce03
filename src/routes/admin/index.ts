import { Router } from "express";
import type { AppContext } from "../../app.js";
import { requireAuth } from "../../middleware/auth.js";
import { flashLocals } from "../../middleware/flash.js";
import { authRouter } from "./auth.js";
import { dashboardRouter } from "./dashboard.js";
import { articlesRouter } from "./articles.js";
import { articleBulkRouter } from "./articles-bulk.js";
import { mediaRouter } from "./media.js";
import { taxonomyRouter } from "./taxonomy.js";
import { organisationAdminRouter } from "./organisation.js";
import { settingsRouter } from "./settings.js";
import { usersRouter } from "./users.js";
import { accountRouter } from "./account.js";
import { feedbackRouter } from "./feedback.js";
import { auditRouter } from "./audit.js";
import { parIndexAdminRouter } from "./par-index.js";
import { ratingsAdminRouter } from "./ratings.js";
import { noticesAdminRouter } from "./notices.js";
import { proceduresRouter } from "./procedures.js";
import { staffAttachmentsRouter } from "./attachments.js";
import { documentsRouter } from "./documents.js";
import { questionsAdminRouter } from "./questions.js";

/** /admin: login and logout are open; everything after requireAuth needs a signed-in user. */
export function adminRouter(ctx: AppContext): Router {
  const admin = Router();
  admin.use((req, res, next) => {
    res.locals.layout = "admin";
    res.locals.currentPath = req.originalUrl.split("?")[0];
    next();
  });
  admin.use(authRouter(ctx));
  admin.use(requireAuth);
  admin.use(flashLocals);
  admin.use(dashboardRouter(ctx));
  admin.use(articleBulkRouter(ctx)); // before /articles/:id
  admin.use(articlesRouter(ctx));
  admin.use(mediaRouter(ctx));
  admin.use(organisationAdminRouter(ctx)); // before taxonomy: /admin/departments are organisation units
  admin.use(taxonomyRouter(ctx));
  admin.use(settingsRouter(ctx));
  admin.use(usersRouter(ctx));
  admin.use(accountRouter(ctx));
  admin.use(feedbackRouter(ctx));
  admin.use(auditRouter(ctx));
  admin.use(parIndexAdminRouter(ctx));
  admin.use(ratingsAdminRouter(ctx));
  admin.use(noticesAdminRouter(ctx));
  admin.use(proceduresRouter(ctx));
  admin.use(staffAttachmentsRouter(ctx));
  admin.use(documentsRouter(ctx));
  admin.use(questionsAdminRouter(ctx));
  return admin;
}
