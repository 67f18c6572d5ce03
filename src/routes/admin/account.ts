import { Router } from "express";
import type { AppContext } from "../../app.js";

// Placeholder until built (see the admin issue).
export function accountRouter(_ctx: AppContext): Router {
  return Router();
}
