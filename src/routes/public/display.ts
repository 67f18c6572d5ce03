import { Router } from "express";
import type { AppContext } from "../../app.js";
import { wantsJson } from "../../middleware/errors.js";
import {
  DISPLAY_COOKIE,
  DISPLAY_MAX_AGE_MS,
  localReturnPath,
  parseDisplayCookie,
  readDisplay,
  serializeDisplay,
} from "../../lib/display.js";

export function displayRouter(_ctx: AppContext): Router {
  const router = Router();
  // GET /hien-thi?co-chu=nho|vua|lon&tuong-phan=thuong|cao&chu-chay=chay|dung&quay-lai=/path
  // A GET link so it works without JavaScript; it only changes how pages look for this browser.
  router.get("/hien-thi", (req, res) => {
    const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const display = readDisplay(query, parseDisplayCookie(req.cookies?.[DISPLAY_COOKIE]));
    res.cookie(DISPLAY_COOKIE, serializeDisplay(display), {
      maxAge: DISPLAY_MAX_AGE_MS,
      httpOnly: true,
      sameSite: "lax",
      secure: req.secure,
      path: "/",
    });
    res.set("cache-control", "no-store");
    if (wantsJson(req)) {
      res.json(display);
      return;
    }
    res.redirect(303, localReturnPath(query["quay-lai"]));
  });
  return router;
}
