import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { parseForm } from "../../middleware/validate.js";
import { MIN_PASSWORD_LENGTH } from "../../services/password-policy.js";
import { changeOwnPassword } from "../../services/account.js";
import { PasswordChangeBody } from "./account.schema.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";

const PAGE = "/admin/tai-khoan/mat-khau";

const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));

/** Everyone's own account: changing the password. */
export function accountRouter({ prisma, clock, config, sessions }: AppContext): Router {
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
        // Someone who knew the old password is signed out everywhere; this browser gets a fresh session id.
        await sessions.destroyUserSessions(actor.userId);
        await regenerate(req);
        req.session.userId = actor.userId;
        req.session.lastSeenAt = clock().getTime();
        return { id: actor.userId, url: PAGE };
      },
    ),
  );
  return router;
}
