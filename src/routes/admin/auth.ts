import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { wantsJson } from "../../middleware/errors.js";
import { startPendingLogin, startSession, STEP_URLS } from "../../middleware/sign-in.js";
import { checkForm } from "../../middleware/validate.js";
import { recordAudit } from "../../services/audit.js";
import { checkPassword, recordSignIn } from "../../services/login.js";
import { mustEnrol } from "../../services/two-factor.js";
import type { CurrentUser } from "../../services/users.js";
import { LoginBody, safeNext } from "./auth.schema.js";
import { loginStepsRouter } from "./login-steps.js";

export type LoginView = { errors?: Record<string, string>; values?: object; next?: string };

/** The login form (also shown again by the second-factor steps when their half-done sign-in has expired). */
export function renderLogin(req: Request, res: Response, status: number, view: LoginView) {
  const pending = req.session?.pendingLogin;
  res.status(status).render("admin/login", {
    layout: "admin",
    pageTitle: "Đăng nhập",
    values: {},
    errors: {},
    next: "/admin",
    pendingUrl: pending ? STEP_URLS[pending.step] : null,
    ...view,
  });
}

/** Signs the person in on a new session, audited; the absolute lifetime starts now. */
export async function completeSignIn(ctx: AppContext, req: Request, user: CurrentUser, how = ""): Promise<void> {
  const now = ctx.clock().getTime();
  await startSession(req, user.id, now, now + ctx.config.sessionMaxMs);
  await recordSignIn(ctx.prisma, ctx.clock, user, req.ip ?? "", how);
}

export function authRouter(ctx: AppContext): Router {
  const { prisma, clock, config } = ctx;
  const router = Router();
  const loginOptions = { bcryptCost: config.bcryptCost, slowdownMs: config.loginSlowdownMs };

  // GET /admin/login
  router.get("/login", (req, res) => {
    if (res.locals.user) return res.redirect(303, "/admin");
    renderLogin(req, res, 200, { next: safeNext(typeof req.query["next"] === "string" ? req.query["next"] : undefined) });
  });

  // POST /admin/login
  router.post("/login", async (req, res) => {
    const parsed = checkForm(LoginBody, req.body ?? {});
    const next = safeNext(typeof req.body?.next === "string" ? req.body.next : undefined);
    if (!parsed.ok) {
      const { errors } = parsed;
      if (wantsJson(req)) return res.status(422).json({ error: Object.values(errors)[0] });
      return renderLogin(req, res, 422, { errors, values: { email: req.body?.email ?? "" }, next });
    }
    const account = await checkPassword(prisma, clock, loginOptions, parsed.data.email, parsed.data.password, req.ip ?? "");
    if (!account) {
      const message = "Thư điện tử hoặc mật khẩu không đúng.";
      if (wantsJson(req)) return res.status(401).json({ error: message });
      return renderLogin(req, res, 401, { errors: { password: message }, values: { email: parsed.data.email }, next });
    }
    if (account.twoFactor || (await mustEnrol(prisma, { role: account.user.role, twoFactor: account.twoFactor }))) {
      // Right password, second step due: a half-done sign-in on a new session id, not signed in yet.
      const step = account.twoFactor ? "code" : "enrol";
      await startPendingLogin(req, { userId: account.user.id, step, startedAt: clock().getTime(), next });
      const url = STEP_URLS[step];
      if (wantsJson(req)) return res.json(step === "code" ? { twoFactor: true, url } : { twoFactorSetup: true, url });
      return res.redirect(303, url);
    }
    await completeSignIn(ctx, req, account.user);
    if (wantsJson(req)) return res.json({ id: account.user.id, url: "/admin" });
    res.redirect(303, next);
  });

  router.use(loginStepsRouter(ctx));

  // POST /admin/logout
  router.post("/logout", async (req, res) => {
    const userId = req.session?.userId;
    if (userId) await recordAudit(prisma, { userId, action: "logout", ip: req.ip ?? "" });
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie("cchc.sid", { path: "/" });
    if (wantsJson(req)) return res.json({ id: userId ?? null, url: "/admin/login" });
    res.redirect(303, "/admin/login");
  });
  return router;
}
