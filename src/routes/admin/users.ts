import { Router, type Response } from "express";
import type { AppContext } from "../../app.js";
import { requireRole } from "../../middleware/auth.js";
import { parseForm, parseQuery } from "../../middleware/validate.js";
import { formatStamp } from "../../lib/vi-time.js";
import {
  changeUserRole,
  createUser,
  getUser,
  listUsers,
  resetUserPassword,
  ROLE_LABELS,
  ROLES,
  setUserDisabled,
} from "../../services/users.js";
import { isTwoFactorRequired, resetTwoFactor } from "../../services/two-factor.js";
import { IdParams } from "./common.schema.js";
import { actorOf, handleForm, type FieldErrors } from "./form.js";
import { NewUserBody, PasswordResetBody, RoleBody } from "./users.schema.js";

const userUrl = (id: number) => `/admin/users/${id}`;
const ROLE_HINTS = {
  admin: "Mọi quyền, kể cả tài khoản, cấu hình trang và nhật ký.",
  editor: "Duyệt và đăng bài của mọi người; quản lý chuyên mục, đơn vị, tác giả, ảnh và góp ý.",
  author: "Viết bài và gửi duyệt; không tự đăng bài, không sửa bài của người khác.",
} as const;
const roleOptions = ROLES.map((value) => ({ value, label: ROLE_LABELS[value], hint: ROLE_HINTS[value] }));

/** Accounts: administrators only (Ghost's and WordPress's staff screens). */
export function usersRouter({ prisma, config, sessions }: AppContext): Router {
  const router = Router();
  router.use("/users", requireRole("admin"));

  const renderNew = (res: Response, values: object, errors: FieldErrors) =>
    res.render("admin/users/new", { pageTitle: "Thêm tài khoản", roleOptions, values, errors });

  const renderUser = async (res: Response, id: number, values: object, errors: FieldErrors) => {
    const user = await getUser(prisma, id);
    res.render("admin/users/show", {
      pageTitle: user.name,
      account: { ...user, roleLabel: ROLE_LABELS[user.role as keyof typeof ROLE_LABELS] ?? user.role },
      lastLogin: user.lastLoginAt ? formatStamp(user.lastLoginAt) : "Chưa đăng nhập",
      twoFactorSince: user.totpEnabledAt ? formatStamp(user.totpEnabledAt) : null,
      twoFactorRequired: await isTwoFactorRequired(prisma),
      createdAt: formatStamp(user.createdAt),
      isSelf: user.id === res.locals.user.id,
      roleOptions,
      values: { role: user.role, ...values },
      errors,
    });
  };

  // GET /admin/users
  router.get("/users", async (_req, res) => {
    const users = (await listUsers(prisma)).map((u) => ({
      ...u,
      roleLabel: ROLE_LABELS[u.role as keyof typeof ROLE_LABELS] ?? u.role,
      lastLogin: u.lastLoginAt ? formatStamp(u.lastLoginAt) : "Chưa đăng nhập",
    }));
    res.render("admin/users/index", { pageTitle: "Tài khoản", users });
  });

  // GET /admin/users/new
  router.get("/users/new", (_req, res) => renderNew(res, { role: "author" }, {}));

  // POST /admin/users
  router.post("/users", (req, res) =>
    handleForm(
      req,
      res,
      { status: 201, flash: "Đã tạo tài khoản.", refused: (errors) => renderNew(res, { ...req.body, password: "" }, errors) },
      async () => {
        const body = parseForm(NewUserBody, req.body ?? {});
        const user = await createUser(prisma, body, config.bcryptCost, actorOf(req, res));
        return { id: user.id, url: userUrl(user.id) };
      },
    ),
  );

  // GET /admin/users/:id
  router.get("/users/:id", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    await renderUser(res, id, {}, {});
  });

  // POST /admin/users/:id/role
  router.post("/users/:id/role", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    await handleForm(req, res, { flash: "Đã đổi vai trò.", field: "role", refused: (errors) => renderUser(res, id, req.body ?? {}, errors) }, async () => {
      const { role } = parseForm(RoleBody, req.body ?? {});
      await changeUserRole(prisma, actorOf(req, res), id, role);
      return { id, url: userUrl(id) };
    });
  });

  // POST /admin/users/:id/password
  router.post("/users/:id/password", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    const flash = "Đã đặt mật khẩu mới; mọi phiên đăng nhập của người này đã kết thúc.";
    await handleForm(req, res, { flash, field: "password", refused: (errors) => renderUser(res, id, {}, errors) }, async () => {
      const { password } = parseForm(PasswordResetBody, req.body ?? {});
      await resetUserPassword(prisma, actorOf(req, res), id, password, config.bcryptCost);
      await sessions.destroyUserSessions(id);
      return { id, url: userUrl(id) };
    });
  });

  // POST /admin/users/:id/two-factor/reset: a colleague lost their phone and recovery codes
  router.post("/users/:id/two-factor/reset", async (req, res) => {
    const { id } = parseQuery(IdParams, req.params);
    const flash = "Đã đặt lại xác thực hai lớp; mọi phiên đăng nhập của người này đã kết thúc. Họ đăng nhập bằng mật khẩu rồi thiết lập lại.";
    await handleForm(req, res, { flash, field: "twoFactor", refused: (errors) => renderUser(res, id, {}, errors) }, async () => {
      await resetTwoFactor(prisma, actorOf(req, res), id);
      await sessions.destroyUserSessions(id);
      return { id, url: userUrl(id) };
    });
  });

  for (const [action, disabled, flash] of [
    ["disable", true, "Đã khoá tài khoản; mọi phiên đăng nhập của người này đã kết thúc."],
    ["enable", false, "Đã mở khoá tài khoản."],
  ] as const) {
    // POST /admin/users/:id/disable, POST /admin/users/:id/enable
    router.post(`/users/:id/${action}`, async (req, res) => {
      const { id } = parseQuery(IdParams, req.params);
      await handleForm(req, res, { flash, field: "status", refused: (errors) => renderUser(res, id, {}, errors) }, async () => {
        await setUserDisabled(prisma, actorOf(req, res), id, disabled);
        // The user is refused on their next request anyway; ending the sessions also clears them from the store.
        if (disabled) await sessions.destroyUserSessions(id);
        return { id, url: userUrl(id) };
      });
    });
  }
  return router;
}
