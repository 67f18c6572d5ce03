import type { RequestHandler } from "express";
import type { PublicCache } from "../services/public-cache.js";
import { formatDate, type Clock } from "../lib/vi-time.js";
import { parsePortalLinks } from "../services/portal-links.js";
import { languageLinkOf, languagePairs } from "../services/english.js";
import type { PrismaClient } from "../db.js";

/** Header, navigation and footer data that every public page shows, from the in-memory cache. */
export function siteLocals(chrome: PublicCache, clock: Clock, prisma: PrismaClient): RequestHandler {
  return async (req, res, next) => {
    const [data, pairs] = await Promise.all([chrome.get(), languagePairs(prisma, chrome)]);
    res.locals.languageLink = languageLinkOf(pairs, req.path);
    res.locals.site = data.settings;
    res.locals.sections = data.sections;
    res.locals.nav = data.nav;
    res.locals.portalLinks = parsePortalLinks(data.settings.links);
    res.locals.ticker = data.ticker;
    res.locals.notices = data.notices;
    res.locals.today = formatDate(clock());
    res.locals.currentPath = req.path;
    res.locals.pageTitle = undefined;
    next();
  };
}
