import { Router } from "express";
import type { AppContext } from "../../app.js";
import { englishSettingsRouter } from "./english.js";
import { introPagesRouter } from "./intro-pages.js";
import { unitsRouter } from "./organisation-units.js";
import { peopleRouter } from "./people.js";
import { portalLinksRouter } from "./portal-links.js";

/**
 * "Who we are" in the panel: introduction pages, units (/admin/departments, in place of the plain
 * department list), people, the English texts and the links block. Mounted before the taxonomy
 * router, so the department routes are these.
 */
export function organisationAdminRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(introPagesRouter(ctx));
  router.use(unitsRouter(ctx));
  router.use(peopleRouter(ctx));
  router.use(englishSettingsRouter(ctx));
  router.use(portalLinksRouter(ctx));
  return router;
}
