import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { HttpError, invalid } from "../../errors.js";
import { wantsJson } from "../../middleware/errors.js";
import { parseForm } from "../../middleware/validate.js";
import { formatStamp } from "../../lib/vi-time.js";
import { confirmPassword } from "../../services/login.js";
import { countUnusedRecoveryCodes } from "../../services/recovery-codes.js";
import {
  disableOwnTwoFactor,
  enableTwoFactor,
  enrolmentDetails,
  isSecondFactorRole,
  isTwoFactorRequired,
  newTotpSecret,
  renewRecoveryCodes,
} from "../../services/two-factor.js";
import { getUser } from "../../services/users.js";
import { PasswordConfirmBody } from "./account.schema.js";
import { CodeBody } from "./auth.schema.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";

export const TWO_FACTOR_PAGE = "/admin/tai-khoan/hai-lop";
const STYLES = ["/assets/css/two-factor.css"];

/** The QR code and secret of an enrolment in progress; the secret stays in the session until a code proves it. */
export async function enrolmentLocals(req: Request, res: Response, email: string) {
  const secret = (req.session.enrolSecret ??= newTotpSecret());
  const issuer = (res.locals.site as { shortName?: string } | undefined)?.shortName ?? "CCHC";
  return { enrolment: await enrolmentDetails(secret, email, issuer), adminStyles: STYLES };
}

/** Switches the second factor on from the secret on screen and the code typed; returns the recovery codes. */
export async function enableFromSession(ctx: Pick<AppContext, "prisma" | "clock">, req: Request, actor: { userId: number; ip: string }) {
  const { code } = parseForm(CodeBody, req.body ?? {});
  const secret = req.session.enrolSecret;
  if (!secret) throw invalid({ code: "Trang thiết lập đã cũ. Hãy quét lại mã QR bên dưới rồi nhập mã mới." });
  const codes = await enableTwoFactor(ctx.prisma, ctx.clock, actor, secret, code);
  delete req.session.enrolSecret;
  return codes;
}

/** New recovery codes, shown once: in the answer to the POST that made them, never stored readable. */
export function showRecoveryCodes(req: Request, res: Response, saved: { id: number; url: string }, codes: string[], continueUrl: string) {
  if (wantsJson(req)) return void res.json({ ...saved, recoveryCodes: codes });
  res.render("admin/account/recovery-codes", { pageTitle: "Mã khôi phục", codes, continueUrl, adminStyles: STYLES });
}

/**
 * Runs an action whose success renders a page (not a redirect); a refusal (409, 422) answers its status
 * with {"error"} for scripts, else the page again with the messages.
 */
export async function refusable<T>(req: Request, res: Response, field: string, refused: (errors: FieldErrors) => Promise<void>, action: () => Promise<T>) {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof HttpError) || ![409, 422].includes(error.status)) throw error;
    const errors: FieldErrors = Object.keys(error.fields).length ? error.fields : { [field]: error.message };
    res.status(error.status);
    if (wantsJson(req)) res.json({ error: Object.values(errors)[0], fields: errors });
    else await refused(errors);
    return undefined;
  }
}

/** Everyone's own second factor: enrol with an authenticator app, recovery codes, switch off. */
export function accountTwoFactorRouter({ prisma, clock }: AppContext): Router {
  const router = Router();

  const render = async (req: Request, res: Response, errors: FieldErrors) => {
    const user = await getUser(prisma, actorOf(req, res).userId);
    const common = { pageTitle: "Xác thực hai lớp", errors, adminStyles: STYLES };
    if (!user.totpEnabledAt) return res.render("admin/account/two-factor", { ...common, enabled: false, ...(await enrolmentLocals(req, res, user.email)) });
    res.render("admin/account/two-factor", {
      ...common,
      enabled: true,
      since: formatStamp(user.totpEnabledAt),
      recoveryLeft: await countUnusedRecoveryCodes(prisma, user.id),
      locked: isSecondFactorRole(user.role) && (await isTwoFactorRequired(prisma)),
    });
  };

  /** The password proved again (counted like a login), or a 422 beside the password field. */
  const assertPassword = async (req: Request, res: Response) => {
    const { password } = parseForm(PasswordConfirmBody, req.body ?? {});
    const actor = actorOf(req, res);
    if (!(await confirmPassword(prisma, clock, await getUser(prisma, actor.userId), password, actor.ip))) {
      throw invalid({ password: "Mật khẩu không đúng." });
    }
    return actor;
  };

  // GET /admin/tai-khoan/hai-lop
  router.get("/tai-khoan/hai-lop", (req, res) => render(req, res, {}));

  // POST /admin/tai-khoan/hai-lop (code): switches it on when the code matches the secret shown
  router.post("/tai-khoan/hai-lop", async (req, res) => {
    const actor = actorOf(req, res);
    const codes = await refusable(req, res, "code", (errors) => render(req, res, errors), () => enableFromSession({ prisma, clock }, req, actor));
    if (codes) showRecoveryCodes(req, res, { id: actor.userId, url: TWO_FACTOR_PAGE }, codes, "/admin");
  });

  // POST /admin/tai-khoan/hai-lop/ma-khoi-phuc (password): ten new recovery codes, the old ones void
  router.post("/tai-khoan/hai-lop/ma-khoi-phuc", async (req, res) => {
    const codes = await refusable(req, res, "password", (errors) => render(req, res, errors), async () => renewRecoveryCodes(prisma, await assertPassword(req, res)));
    if (codes) showRecoveryCodes(req, res, { id: actorOf(req, res).userId, url: TWO_FACTOR_PAGE }, codes, TWO_FACTOR_PAGE);
  });

  // POST /admin/tai-khoan/hai-lop/tat (password)
  router.post("/tai-khoan/hai-lop/tat", (req, res) =>
    handleForm(req, res, { flash: "Đã tắt xác thực hai lớp.", field: "password", refused: (errors) => render(req, res, errors) }, async () => {
      const actor = await assertPassword(req, res);
      await disableOwnTwoFactor(prisma, actor);
      return { id: actor.userId, url: TWO_FACTOR_PAGE };
    }),
  );
  return router;
}
