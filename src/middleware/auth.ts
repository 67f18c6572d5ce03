import type { RequestHandler } from "express";
import type { PrismaClient } from "../db.js";
import type { Clock } from "../lib/vi-time.js";
import { forbidden, HttpError } from "../errors.js";
import { findActiveUser, type Role } from "../services/users.js";
import { wantsJson } from "./errors.js";

/** Puts the signed-in user (if any, and still active) in res.locals.user. */
export function loadUser(prisma: PrismaClient, idleTimeoutMs: number, clock: Clock): RequestHandler {
  return async (req, res, next) => {
    const userId = req.session?.userId;
    if (!userId) return next();
    const now = clock().getTime();
    const idle = now - (req.session.lastSeenAt ?? 0) > idleTimeoutMs;
    const user = idle ? null : await findActiveUser(prisma, userId);
    if (!user) {
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      return next();
    }
    req.session.lastSeenAt = now;
    res.locals.user = user;
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
