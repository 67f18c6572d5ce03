import { Router } from "express";
import type { AppContext } from "../../app.js";

export function feedsRouter(_ctx: AppContext): Router {
  const router = Router();
  // GET /robots.txt
  router.get("/robots.txt", (req, res) => {
    res.type("text/plain").send(`User-agent: *\nDisallow: /admin\n\nSitemap: ${req.protocol}://${req.get("host")}/sitemap.xml\n`);
  });
  return router;
}
