import type { RequestHandler } from "express";
import type { PrismaClient } from "../db.js";
import type { Clock } from "../lib/vi-time.js";
import { forbidden, HttpError } from "../errors.js";
import { mustEnrol } from "../services/two-factor.js";
import { findActiveAccount, type Role } from "../services/users.js";
import { wantsJson } from "./errors.js";
import "./sign-in.js";

/**
 * Puts the signed-in user (if any, and still active) in res.locals.user. A session ends after the
 * idle timeout and, however active, at the absolute end set at sign-in (SESSION_MAX_HOURS).
 */
export function loadUser(prisma: PrismaClient, idleTimeoutMs: number, clock: Clock): RequestHandler {
  return async (req, res, next) => {
    const userId = req.session?.userId;
    if (!userId) return next();
    const now = clock().getTime();
    const expired = now - (req.session.lastSeenAt ?? 0) > idleTimeoutMs || now >= (req.session.signedInUntil ?? 0);
    const account = expired ? null : await findActiveAccount(prisma, userId);
    if (!account) {
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      return next();
    }
    if (await mustEnrol(prisma, { role: account.user.role, twoFactor: account.twoFactor })) {
      // Required after this sign-in began (or the role changed): enrol before anything else.
      delete req.session.userId;
      req.session.pendingLogin = { userId, step: "enrol", startedAt: now, next: "/admin" };
      return next();
    }
    req.session.lastSeenAt = now;
    res.locals.user = account.user;
    next();
  };
}

export const requireAuth: RequestHandler = (req, res, next) => {
  if (res.locals.user) return next();
  if (wantsJson(req) || req.method !== "GET") {
    return next(new HttpError(401, "Bạn cần đăng nhập để tiếp tục."));
  }
  res.redirect(303, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`);
};

export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const role = (res.locals.user as { role: Role } | undefined)?.role;
    next(role && roles.includes(role) ? undefined : forbidden());
  };
}
