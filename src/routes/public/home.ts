import { Router } from "express";
import type { AppContext } from "../../app.js";

export function homeRouter({ chrome, pages }: AppContext): Router {
  const router = Router();
  // GET /
  router.get("/", async (req, res) => {
    const home = await chrome.home();
    await pages.page(req, res, "public/home", { home, pageTitle: undefined });
  });
  return router;
}
