import { Router } from "express";
import type { AppContext } from "../../app.js";
import { requireAuth } from "../../middleware/auth.js";
import { authRouter } from "./auth.js";
import { dashboardRouter } from "./dashboard.js";

/** /admin: login and logout are open; everything after requireAuth needs a signed-in user. */
export function adminRouter(ctx: AppContext): Router {
  const admin = Router();
  admin.use((_req, res, next) => {
    res.set("cache-control", "no-store");
    res.locals.layout = "admin";
    next();
  });
  admin.use(authRouter(ctx));
  admin.use(requireAuth);
  admin.use(dashboardRouter(ctx));
  return admin;
}
