import crypto from "node:crypto";
import type { Request, RequestHandler } from "express";
import { doubleCsrf, type DoubleCsrfUtilities } from "csrf-csrf";
import { HttpError } from "../errors.js";

const CLIENT_COOKIE = "cchc_cid";
const CSRF_MESSAGE = "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.";

// Tokens are bound to the staff session when there is one, else to a random per-browser id,
// so public forms (contact) are protected too without creating sessions for visitors.
function sessionIdentifier(req: Request): string {
  if (req.session?.userId) return req.sessionID;
  return (req.cookies?.[CLIENT_COOKIE] as string | undefined) ?? (req.res?.locals.clientId as string | undefined) ?? "";
}

const isMultipart = (req: Request) => Boolean(req.is("multipart/form-data"));

/** "/admin/documents/:id" as a pattern matching the whole path. */
function routePattern(path: string): RegExp {
  const escaped = path.split("/").map((part) => (part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  return new RegExp(`^${escaped.join("/")}/?$`);
}

function utilities(secret: string, secure: boolean, isDeferred: (req: Request) => boolean): DoubleCsrfUtilities {
  return doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: sessionIdentifier,
    // The __Host- prefix is only valid on a Secure cookie, so plain HTTP gets a plain name.
    cookieName: secure ? "__Host-cchc.csrf" : "cchc.csrf",
    cookieOptions: { sameSite: "lax", secure, path: "/", httpOnly: true },
    getCsrfTokenFromRequest: (req) =>
      (req.headers["x-csrf-token"] as string | undefined) ?? (req.body as { _csrf?: string } | undefined)?._csrf,
    // Only the routes registered through Csrf.multipart parse their own body and check afterwards.
    skipCsrfProtection: (req) => isDeferred(req),
  });
}

export interface Csrf {
  /** Gives every request a client id, a token for its forms, and checks non-GET requests. */
  protect: RequestHandler;
  /**
   * A multipart route (its token travels inside the body): registers the full path, so the token
   * check waits for the parser, then checks it. Every other multipart request without an
   * x-csrf-token header is refused before any route runs.
   */
  multipart(fullPath: string, parser: RequestHandler): RequestHandler[];
}

export function createCsrf(secret: string): Csrf {
  const deferred: RegExp[] = [];
  // A token in the header is checked at once, as for any body type.
  const isDeferred = (req: Request) =>
    isMultipart(req) && !req.headers["x-csrf-token"] && deferred.some((pattern) => pattern.test(req.path));
  const plain = utilities(secret, false, isDeferred);
  const secure = utilities(secret, true, isDeferred);
  const pick = (req: Request) => (req.secure ? secure : plain);

  const protect: RequestHandler = (req, res, next) => {
    if (!req.cookies?.[CLIENT_COOKIE]) {
      res.locals.clientId = crypto.randomBytes(16).toString("hex");
      res.cookie(CLIENT_COOKIE, res.locals.clientId, { httpOnly: true, sameSite: "lax", secure: req.secure, path: "/" });
    }
    const util = pick(req);
    let token: string | undefined;
    // Lazily made, so pages without forms set no CSRF cookie.
    res.locals.csrfToken = () => (token ??= util.generateCsrfToken(req, res, { overwrite: false, validateOnReuse: false }));
    util.doubleCsrfProtection(req, res, (error?: unknown) => {
      next(error ? new HttpError(403, CSRF_MESSAGE) : undefined);
    });
  };

  const verify: RequestHandler = (req, _res, next) => {
    next(pick(req).validateRequest(req) ? undefined : new HttpError(403, CSRF_MESSAGE));
  };

  const multipart = (fullPath: string, parser: RequestHandler) => {
    deferred.push(routePattern(fullPath));
    return [parser, verify];
  };

  return { protect, multipart };
}
