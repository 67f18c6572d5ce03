import type { Request } from "express";
import "express-session";

/** Half-way through a sign-in: the password was right, the second factor is still to come. */
export interface PendingLogin {
  userId: number;
  step: "code" | "enrol";
  startedAt: number;
  /** Where to go once signed in. */
  next: string;
}

declare module "express-session" {
  interface SessionData {
    /** The moment this sign-in ends whatever the activity (SESSION_MAX_HOURS after it began). */
    signedInUntil: number;
    pendingLogin: PendingLogin;
    /** The TOTP secret shown on the enrolment page, kept until a correct code switches it on. */
    enrolSecret: string;
  }
}

export const PENDING_LOGIN_MS = 10 * 60 * 1000;
export const STEP_URLS = { code: "/admin/login/ma", enrol: "/admin/login/hai-lop" } as const;

export const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));

/**
 * Signs the browser in on a new session id (an id planted before is worthless after). The absolute
 * end is kept from an earlier sign-in when given (a password change does not extend a session).
 */
export async function startSession(req: Request, userId: number, now: number, signedInUntil: number): Promise<void> {
  await regenerate(req);
  req.session.userId = userId;
  req.session.lastSeenAt = now;
  req.session.signedInUntil = signedInUntil;
}

/** The password was right and a second step is due: NOT signed in (no userId), so every admin page still refuses. */
export async function startPendingLogin(req: Request, pending: PendingLogin): Promise<void> {
  await regenerate(req);
  req.session.pendingLogin = pending;
}

/** The half-done sign-in at this step, unless it is missing or older than ten minutes. */
export function pendingLoginAt(req: Request, step: PendingLogin["step"], now: number): PendingLogin | null {
  const pending = req.session?.pendingLogin;
  return pending && pending.step === step && now - pending.startedAt <= PENDING_LOGIN_MS ? pending : null;
}
