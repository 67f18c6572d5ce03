import { Router, type Request, type Response } from "express";
import type { AppContext } from "../../app.js";
import { parseQuery } from "../../middleware/validate.js";
import { siteBase } from "../../lib/site-url.js";
import { rssFeed, sitemapXml } from "../../services/feeds.js";
import { SlugParams } from "./public.schema.js";

// Feeds and crawler files are never counted as visits.
// Readers and crawlers poll these: kept in memory until a change, five minutes in their caches, and
// an ETag lets them ask "changed?" cheaply.
const CACHE = "public, max-age=300";

export function feedsRouter({ prisma, clock, config, chrome, files, pages }: AppContext): Router {
  const router = Router();
  const sendXml = (req: Request, res: Response, type: string, xml: string) =>
    pages.document(req, res, xml, `${type}; charset=utf-8`, CACHE);
  const feedSite = async () => {
    const { settings } = await chrome.get();
    return { siteName: settings.siteName, copyright: settings.copyright };
  };

  // GET /robots.txt
  router.get("/robots.txt", (req, res) => {
    const base = siteBase(config, req);
    res
      .set("cache-control", "public, max-age=3600")
      .type("text/plain")
      .send(`User-agent: *\nDisallow: /admin\nDisallow: /hien-thi\n\nSitemap: ${base}/sitemap.xml\n`);
  });

  // GET /rss.xml
  router.get("/rss.xml", async (req, res) => {
    const options = { base: siteBase(config, req), files };
    await sendXml(req, res, "application/rss+xml", await rssFeed(prisma, clock, await feedSite(), options));
  });

  // GET /chuyen-muc/:slug/rss.xml
  router.get("/chuyen-muc/:slug/rss.xml", async (req, res) => {
    const { slug } = parseQuery(SlugParams, req.params, "Địa chỉ chuyên mục không hợp lệ.");
    const options = { base: siteBase(config, req), files, categorySlug: slug };
    await sendXml(req, res, "application/rss+xml", await rssFeed(prisma, clock, await feedSite(), options));
  });

  // GET /sitemap.xml
  router.get("/sitemap.xml", async (req, res) => {
    const { settings } = await chrome.get();
    await sendXml(req, res, "application/xml", await sitemapXml(prisma, clock, siteBase(config, req), settings));
  });
  return router;
}
