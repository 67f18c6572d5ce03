import type { Request, RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import type { PrismaClient } from "../db.js";
import { HttpError } from "../errors.js";
import type { Clock } from "../lib/vi-time.js";
import { PrismaRateLimitStore } from "../services/rate-limit-store.js";

export interface PublicFormLimit {
  /** Counter key prefix in the shared store ("feedback:", "rating:"…). */
  prefix: string;
  windowMs: number;
  limit: number;
  /** The 429's Vietnamese message. */
  message: string;
  skip?: (req: Request) => boolean;
}

/** A per-address limit on a public form, counted in the database so every instance shares it. */
export function publicFormLimit(prisma: PrismaClient, clock: Clock, options: PublicFormLimit): RequestHandler {
  return rateLimit({
    store: new PrismaRateLimitStore(prisma, clock, options.prefix),
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    ...(options.skip ? { skip: options.skip } : {}),
    handler: (_req, _res, next) => next(new HttpError(429, options.message)),
  });
}
