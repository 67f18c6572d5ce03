import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import ejs from "ejs";
import express, { type RequestHandler } from "express";
import cookieParser from "cookie-parser";
import session from "express-session";
import helmet from "helmet";
import type { Config } from "./config.js";
import type { PrismaClient } from "./db.js";
import type { Logger } from "./logger.js";
import { systemClock, type Clock } from "./lib/vi-time.js";
import { layoutEngine } from "./lib/view-engine.js";
import { createCsrf, type Csrf } from "./middleware/csrf.js";
import { loadUser } from "./middleware/auth.js";
import { photoUpload } from "./middleware/upload.js";
import { PrismaSessionStore } from "./services/session-store.js";
import { adminRouter } from "./routes/admin/index.js";
import { errorHandler, notFoundHandler } from "./middleware/errors.js";
import { siteLocals } from "./middleware/site-locals.js";
import { createPageCache } from "./services/page-cache.js";
import { createVisitCounter, type VisitCounter } from "./services/visit-counter.js";
import { createVisitJournal } from "./services/visit-journal.js";
import { createPageDelivery, type TrustProxy } from "./middleware/page-delivery.js";
import { createPageSender, type PageSender } from "./middleware/page-sender.js";
import { createAssets } from "./middleware/assets.js";
import { createPublicCache, type PublicCache } from "./services/public-cache.js";
import { createContentChanges, type ContentChanges } from "./services/content-changes.js";
import { createFileStore, isFileKey, type FileStore } from "./services/file-store.js";
import { onShutdown, onStartup } from "./lib/shutdown.js";
import { isAttachmentKey } from "./services/attachments-check.js";
import { healthRouter } from "./routes/public/health.js";
import { feedsRouter } from "./routes/public/feeds.js";
import { visitsApiRouter } from "./routes/public/visits-api.js";
import { publicPagesRouter } from "./routes/public/index.js";
import { ARTICLE_BODY_MAX } from "./routes/admin/articles.schema.js";

export interface AppDeps {
  config: Config;
  prisma: PrismaClient;
  clock?: Clock;
  logger: Logger;
}

const ROOT = path.resolve(import.meta.dirname, "..");
const VIEWS = path.join(ROOT, "views");

export type AppContext = Required<AppDeps> & {
  /**
   * Header, footer, navigation, ticker, home and most read pages in memory. `await
   * chrome.invalidate()` after a write commits: every instance forgets its pages (content-changes.ts).
   */
  chrome: SharedPublicCache;
  csrf: Csrf;
  sessions: PrismaSessionStore;
  /** Multipart photo uploads to temporary files, bounded per person; mount through csrf.multipart. */
  photoUpload: RequestHandler;
  /** Where photos and attachments are stored (FILE_STORE), served at /uploads/<key>. */
  files: FileStore;
  /** Public pages are sent through this: rendered once, then served from memory until a change. */
  pages: PageSender;
  /** Visits and article views, counted in memory and stored every second. */
  visits: VisitCounter;
};

export type SharedPublicCache = Omit<PublicCache, "invalidate"> & { invalidate(): Promise<void> };

/** The cache clears when any instance announces a change; invalidate() announces one. */
function sharedAcrossInstances(cache: PublicCache, changes: ContentChanges): SharedPublicCache {
  changes.subscribe(() => cache.invalidate());
  return { ...cache, invalidate: () => changes.publish() };
}

// GET /uploads/:key: a stored file with the headers express.static gives (Cache-Control immutable
// for 30 days, ETag and Last-Modified with 304, the type from the name; helmet adds nosniff). Keys
// never change their bytes. Anything else, a hostile name included, is the 404 page. Attachments
// are not served here: only /tep/:id sends them, after asking whether their owner is public.
function uploadsRoute(files: FileStore): RequestHandler {
  return async (req, res, next) => {
    const key = req.params["key"];
    const file = isFileKey(key) && !isAttachmentKey(key) ? await files.open(key) : null;
    if (!file) return next();
    res.type(file.contentType);
    // Relative to its folder: send refuses paths with a dot folder (tests/.tmp) unless given a root.
    const options = { root: path.dirname(file.path), maxAge: "30d", immutable: true };
    res.sendFile(path.basename(file.path), options, (error?: Error & { status?: number }) => {
      if (!error || res.headersSent) return;
      next(error.status === 404 ? undefined : error);
    });
  };
}

// The visit block is filled in on every view of a kept page, from its own small template.
const visitsTemplate = ejs.compile(fs.readFileSync(path.join(VIEWS, "partials/visits.ejs"), "utf8"));

const announcers = new WeakMap<object, () => Promise<void>>();

/**
 * For writes made outside the app's routes (tests' factories, a job in the same process): every
 * instance forgets what it keeps, as after a write through the admin panel.
 */
export function announceContentChange(app: object): Promise<void> {
  return announcers.get(app)?.() ?? Promise.resolve();
}

interface Handles {
  handle(req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void;
}

export function createApp(deps: AppDeps): express.Express {
  const { config, prisma, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const changes = createContentChanges(config, prisma, logger);
  const chrome = sharedAcrossInstances(createPublicCache(prisma, clock), changes);
  const csrf = createCsrf(config.sessionSecret);
  const sessions = new PrismaSessionStore(prisma);
  const uploads = photoUpload(config.uploadMaxBytes, path.join(config.dataDir, "incoming"));
  const files = createFileStore(config, prisma, changes);
  const visits = createVisitCounter({
    prisma,
    clock,
    journal: createVisitJournal(path.join(config.dataDir, "visit-journal"), config.databaseUrl),
    baseline: async () => (await chrome.get()).settings.visitBaseline,
    displayIntervalMs: config.visitDisplayIntervalMs,
    onError: (err) => logger.error({ err }, "storing visit counts failed; kept in memory for the next try"),
  });
  const keptPages = createPageCache();
  changes.subscribe(() => {
    keptPages.clear();
    visits.invalidate();
  });

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  const delivery = createPageDelivery({
    pages: keptPages,
    visits,
    now: () => clock().getTime(),
    trustProxy: app.get("trust proxy fn") as TrustProxy,
    visitsHtml: (stats) => visitsTemplate({ visits: stats }),
    site: config,
  });
  const pages = createPageSender(keptPages, delivery, clock, () => chrome.nextGoLive());
  const ctx: AppContext = { config, prisma, logger, clock, chrome, csrf, sessions, photoUpload: uploads, files, pages, visits };
  onStartup(app, () => visits.read());
  announcers.set(app, () => chrome.invalidate());
  onShutdown(app, "visit counter", () => visits.close());
  onShutdown(app, "content-change listener", () => changes.close());

  // A kept page is answered before Express sees the request: no router, no middleware, no query.
  const expressHandle = (app as unknown as Handles).handle.bind(app);
  (app as unknown as Handles).handle = (req, res, next) => {
    if (!delivery.tryServe(req, res)) expressHandle(req, res, next);
  };
  // What a page renders from was read after this moment: if a change comes in between, it is not kept.
  app.use((_req, res, next) => {
    res.locals.pageGeneration = keptPages.generation;
    next();
  });
  app.set("query parser", "simple");
  app.engine("ejs", layoutEngine(VIEWS, config.env !== "development"));
  app.set("view engine", "ejs");
  app.set("views", VIEWS);
  app.locals.lang = "vi";
  const assets = createAssets(
    [
      { dir: path.join(ROOT, "public"), prefix: "/assets" },
      { dir: path.join(ROOT, "node_modules/quill/dist"), prefix: "/assets/vendor/quill", files: ["quill.js", "quill.snow.css"] },
    ],
    { fingerprint: config.env !== "development", plainMaxAge: config.env === "production" ? "604800" : "0" },
  );
  app.locals.asset = assets.url;

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      strictTransportSecurity: config.env === "production",
    }),
  );

  const staticOptions = { maxAge: config.env === "production" ? "7d" : 0, index: false, fallthrough: true };
  // In development the files are read from disk on every request, so an edit shows at once.
  if (config.env !== "development") app.use(assets.handler);
  app.use("/assets", express.static(path.join(ROOT, "public"), staticOptions));
  app.use("/assets/vendor/quill", express.static(path.join(ROOT, "node_modules/quill/dist"), staticOptions));
  app.get("/uploads/:key", uploadsRoute(files));
  app.use(healthRouter(ctx));
  app.use(visitsApiRouter(ctx));
  app.use(feedsRouter(ctx));

  app.use(cookieParser());
  // Staff pages, and the refusals made before any admin route runs (CSRF 403, body too large), are
  // never kept by a browser or a proxy.
  app.use("/admin", (_req, res, next) => {
    res.set("cache-control", "no-store");
    next();
  });
  // The article form may carry a body of ARTICLE_BODY_MAX characters, each up to 9 bytes once
  // percent-encoded (3 UTF-8 bytes as %XX), twice that in NFD: its own larger limit, so a long
  // article reaches the form's check (422 with the text kept) instead of a bare 413.
  const articleBody = { limit: ARTICLE_BODY_MAX * 9 * 2 + 256 * 1024 };
  app.use("/admin/articles", express.urlencoded({ ...articleBody, extended: false, parameterLimit: 200 }), express.json(articleBody));
  app.use(express.urlencoded({ extended: false, limit: "200kb", parameterLimit: 200 }));
  app.use(express.json({ limit: "200kb" }));
  // Sessions only for staff: public visitors never get one.
  app.use(
    "/admin",
    session({
      name: "cchc.sid",
      secret: config.sessionSecret,
      store: sessions,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: "lax", secure: "auto", maxAge: config.sessionIdleMs, path: "/" },
    }),
    loadUser(prisma, config.sessionIdleMs, clock),
  );
  app.use(csrf.protect);
  app.use(siteLocals(chrome, clock, prisma));

  app.use("/admin", adminRouter(ctx));
  app.use(publicPagesRouter(ctx));

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
