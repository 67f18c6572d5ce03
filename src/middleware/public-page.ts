import type { RequestHandler } from "express";
import type { Config } from "../config.js";
import { siteBase } from "../lib/site-url.js";
import {
  DISPLAY_COOKIE,
  displayClasses,
  displayLink,
  localReturnPath,
  parseDisplayCookie,
} from "../lib/display.js";
import { buildMeta, canonicalQuery, type MetaView } from "../services/seo.js";

/**
 * What the public layout needs besides the site chrome: the reader's display preferences (classes
 * on <html>), the print view (?in=1), links that change a preference and come back here, and
 * `metaFor(locals)`, which the head partial calls to build the canonical, share and JSON-LD tags
 * from the very data the page renders.
 */
export function publicPageLocals(config: Config): RequestHandler {
  return (req, res, next) => {
    const baseUrl = siteBase(config, req);
    const display = parseDisplayCookie(req.cookies?.[DISPLAY_COOKIE]);
    const printView = req.query["in"] === "1";
    const returnTo = localReturnPath(req.originalUrl);
    res.locals.baseUrl = baseUrl;
    res.locals.display = display;
    res.locals.printView = printView;
    res.locals.htmlClass = [...displayClasses(display), printView ? "print-view" : ""].filter(Boolean).join(" ");
    res.locals.displayLink = (change: Record<string, string>) => displayLink(change, returnTo);
    res.locals.metaFor = (view: MetaView) =>
      buildMeta(view, {
        site: res.locals.site,
        baseUrl,
        path: req.path,
        query: canonicalQuery(req.path, req.query),
        printView,
      });
    next();
  };
}
