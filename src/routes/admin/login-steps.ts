import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { wantsJson } from "../../middleware/errors.js";
import { setFlash } from "../../middleware/flash.js";
import { pendingLoginAt } from "../../middleware/sign-in.js";
import { checkForm } from "../../middleware/validate.js";
import { checkSecondFactor } from "../../services/login.js";
import { findActiveAccount, getUser } from "../../services/users.js";
import { enableFromSession, enrolmentLocals, refusable, showRecoveryCodes } from "./account-two-factor.js";
import { completeSignIn, renderLogin } from "./auth.js";
import { CodeBody } from "./auth.schema.js";
import type { FieldErrors } from "./form.js";

const EXPIRED = "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.";

/**
 * The second step of a sign-in, after a right password: the code (/admin/login/ma), or, when the
 * administrator requires a second factor and the person has none, enrolment (/admin/login/hai-lop).
 * Until it is done the session holds only the half-done sign-in: nobody is signed in.
 */
export function loginStepsRouter(ctx: AppContext): Router {
  const { prisma, clock, config } = ctx;
  const router = Router();
  const loginOptions = { bcryptCost: config.bcryptCost, slowdownMs: config.loginSlowdownMs };

  const expired = (req: Request, res: Response) => {
    delete req.session.pendingLogin;
    if (wantsJson(req)) return void res.status(401).json({ error: EXPIRED });
    renderLogin(req, res, 401, { errors: { email: EXPIRED } });
  };
  const renderCode = (res: Response, status: number, errors: FieldErrors) =>
    res.status(status).render("admin/login-code", { layout: "admin", pageTitle: "Xác thực hai lớp", errors });

  // GET /admin/login/ma
  router.get("/login/ma", (req, res) => {
    if (!pendingLoginAt(req, "code", clock().getTime())) return res.redirect(303, "/admin/login");
    renderCode(res, 200, {});
  });

  // POST /admin/login/ma (code)
  router.post("/login/ma", async (req, res) => {
    const pending = pendingLoginAt(req, "code", clock().getTime());
    if (!pending) return expired(req, res);
    const parsed = checkForm(CodeBody, req.body ?? {});
    if (!parsed.ok) {
      if (wantsJson(req)) return res.status(422).json({ error: parsed.errors["code"] });
      return renderCode(res, 422, parsed.errors);
    }
    const result = await checkSecondFactor(prisma, clock, loginOptions, pending.userId, parsed.data.code, req.ip ?? "");
    if (!result) return expired(req, res);
    if (!result.ok) {
      if (wantsJson(req)) return res.status(401).json({ error: result.message });
      return renderCode(res, 401, { code: result.message });
    }
    await completeSignIn(ctx, req, result.user, result.method === "recovery" ? "mã khôi phục" : "mã xác thực");
    if (result.method === "recovery") {
      setFlash(req, `Bạn vừa dùng một mã khôi phục; còn ${result.recoveryLeft} mã chưa dùng. Nếu mất điện thoại, hãy vào Xác thực hai lớp để thiết lập lại.`);
    }
    if (wantsJson(req)) return res.json({ id: result.user.id, url: pending.next });
    res.redirect(303, pending.next);
  });

  const renderEnrol = async (req: Request, res: Response, userId: number, errors: FieldErrors) => {
    const user = await getUser(prisma, userId);
    res.render("admin/login-enrol", { layout: "admin", pageTitle: "Thiết lập xác thực hai lớp", errors, ...(await enrolmentLocals(req, res, user.email)) });
  };

  // GET /admin/login/hai-lop
  router.get("/login/hai-lop", async (req, res) => {
    const pending = pendingLoginAt(req, "enrol", clock().getTime());
    if (!pending) return res.redirect(303, "/admin/login");
    await renderEnrol(req, res, pending.userId, {});
  });

  // POST /admin/login/hai-lop (code): switches the second factor on, then signs in and shows the recovery codes
  router.post("/login/hai-lop", async (req, res) => {
    const pending = pendingLoginAt(req, "enrol", clock().getTime());
    const account = pending && (await findActiveAccount(prisma, pending.userId));
    if (!pending || !account) return expired(req, res);
    const actor = { userId: account.user.id, ip: req.ip ?? "" };
    const codes = await refusable(req, res, "code", (errors) => renderEnrol(req, res, actor.userId, errors), () => enableFromSession(ctx, req, actor));
    if (!codes) return;
    await completeSignIn(ctx, req, account.user, "thiết lập xác thực hai lớp");
    res.locals.user = account.user;
    showRecoveryCodes(req, res, { id: account.user.id, url: pending.next }, codes, pending.next);
  });
  return router;
}
