import type { Request, RequestHandler } from "express";

declare module "express-session" {
  interface SessionData {
    flash?: string;
  }
}

/** A one-time message for the page after a redirect ("Đã lưu."), kept in the staff session. */
export function setFlash(req: Request, message: string): void {
  if (req.session) req.session.flash = message;
}

/** Moves the message into res.locals.flash (shown by the admin layout) on the next page view. */
export const flashLocals: RequestHandler = (req, res, next) => {
  if (req.method === "GET" && req.session?.flash) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
};
