import { Router, type Request } from "express";
import type { AppContext } from "../../app.js";
import { wantsJson } from "../../middleware/errors.js";
import { checkForm } from "../../middleware/validate.js";
import { attemptLogin } from "../../services/login.js";
import { recordAudit } from "../../services/audit.js";
import { LoginBody, safeNext } from "./auth.schema.js";

const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));

export function authRouter({ prisma, clock }: AppContext): Router {
  const router = Router();
  const renderLogin = (res: Parameters<Parameters<Router["get"]>[1]>[1], status: number, view: object) =>
    res.status(status).render("admin/login", { layout: "admin", pageTitle: "Đăng nhập", values: {}, errors: {}, ...view });

  // GET /admin/login
  router.get("/login", (req, res) => {
    if (res.locals.user) return res.redirect(303, "/admin");
    renderLogin(res, 200, { next: safeNext(typeof req.query["next"] === "string" ? req.query["next"] : undefined) });
  });

  // POST /admin/login
  router.post("/login", async (req, res) => {
    const parsed = checkForm(LoginBody, req.body ?? {});
    const next = safeNext(typeof req.body?.next === "string" ? req.body.next : undefined);
    if (!parsed.ok) {
      const { errors } = parsed;
      if (wantsJson(req)) return res.status(422).json({ error: Object.values(errors)[0] });
      return renderLogin(res, 422, { errors, values: { email: req.body?.email ?? "" }, next });
    }
    const ip = req.ip ?? "";
    const user = await attemptLogin(prisma, clock, parsed.data.email, parsed.data.password, ip);
    if (!user) {
      const message = "Thư điện tử hoặc mật khẩu không đúng.";
      if (wantsJson(req)) return res.status(401).json({ error: message });
      return renderLogin(res, 401, { errors: { password: message }, values: { email: parsed.data.email }, next });
    }
    // A new session id at login, so an id planted before login is worthless after it.
    await regenerate(req);
    req.session.userId = user.id;
    req.session.lastSeenAt = clock().getTime();
    await recordAudit(prisma, { userId: user.id, action: "login", target: user.email, ip });
    if (wantsJson(req)) return res.json({ id: user.id, url: "/admin" });
    res.redirect(303, next);
  });

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
