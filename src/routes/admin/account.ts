import { Router, type Response } from "express";
import type { AppContext } from "../../app.js";
import { parseForm } from "../../middleware/validate.js";
import { MIN_PASSWORD_LENGTH } from "../../services/password-policy.js";
import { changeOwnPassword } from "../../services/account.js";
import { PasswordChangeBody } from "./account.schema.js";
import { startSession } from "../../middleware/sign-in.js";
import { accountTwoFactorRouter } from "./account-two-factor.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";

const PAGE = "/admin/tai-khoan/mat-khau";

/** Everyone's own account: changing the password, the second factor. */
export function accountRouter(ctx: AppContext): Router {
  const { prisma, clock, config, sessions } = ctx;
  const router = Router();
  const render = (res: Response, errors: FieldErrors) =>
    res.render("admin/account/password", { pageTitle: "Đổi mật khẩu", minLength: MIN_PASSWORD_LENGTH, errors });

  // GET /admin/tai-khoan/mat-khau
  router.get("/tai-khoan/mat-khau", (_req, res) => render(res, {}));

  // POST /admin/tai-khoan/mat-khau
  router.post("/tai-khoan/mat-khau", (req, res) =>
    handleForm(
      req,
      res,
      { flash: "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.", redirect: "/admin", refused: (errors) => render(res, errors) },
      async () => {
        const body = parseForm(PasswordChangeBody, req.body ?? {});
        const actor = actorOf(req, res);
        await changeOwnPassword(prisma, clock, actor, body, config.bcryptCost);
        // Someone who knew the old password is signed out everywhere; this browser gets a fresh session id
        // (ending when this sign-in would have: a password change does not make a session live longer).
        const signedInUntil = req.session.signedInUntil ?? 0;
        await sessions.destroyUserSessions(actor.userId);
        await startSession(req, actor.userId, clock().getTime(), signedInUntil);
        return { id: actor.userId, url: PAGE };
      },
    ),
  );
  router.use(accountTwoFactorRouter(ctx));
  return router;
}
