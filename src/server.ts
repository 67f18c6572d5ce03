import { loadConfig } from "./config.js";
import { createPrisma } from "./db.js";
import { applyMigrations, withStartupLock } from "./db/migrations.js";
import { createLogger } from "./logger.js";
import { createApp } from "./app.js";
import { seedDemo } from "../prisma/seed.js";
import { ensureSearchIndex } from "./services/search-index.js";
import { runShutdownHooks, runStartupHooks } from "./lib/shutdown.js";
import { createFileStore } from "./services/file-store.js";

const config = loadConfig();
const logger = createLogger(config);

const applied = await applyMigrations(config);
if (applied.length) logger.info({ applied }, "migrations applied");

const prisma = createPrisma(config);
await withStartupLock(config, async () => {
  if (config.seedDemo) {
    const media = { store: createFileStore(config, prisma), maxBytes: config.uploadMaxBytes, maxPixels: config.uploadMaxPixels };
    if (await seedDemo(prisma, media)) logger.info("demo content seeded from the seed page");
  }
  // A database restored from a backup or copied from elsewhere may have articles but no index yet.
  const reindexed = await ensureSearchIndex(prisma);
  if (reindexed) logger.info({ articles: reindexed }, "search index rebuilt");
});

const app = createApp({ config, prisma, logger });
await runStartupHooks(app);
const server = app.listen(config.port, config.host, () => {
  logger.info(`Trang đang chạy tại http://${config.host}:${config.port}`);
  console.log(`Trang đang chạy tại http://${config.host}:${config.port}`);
});

// SIGTERM (a service stop) or Ctrl-C: refuse new connections, let the requests in flight finish,
// close keep-alive connections as soon as they fall idle, run the app's shutdown work (flushing
// anything it holds in memory), then close the database and exit 0. A request or a hook that hangs
// does not keep a stopped service alive: after 10 seconds the process exits 1.
let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  setTimeout(() => {
    logger.error("requests still running 10 s after the stop signal; exiting anyway");
    process.exit(1);
  }, 10_000).unref();
  // A request that arrives on an open keep-alive connection is still answered, then that connection closes.
  // Before the app's own listener: a page kept in memory is answered within that listener.
  server.prependListener("request", (_req, res) => res.setHeader("connection", "close"));
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  server.close(async () => {
    clearInterval(idle);
    const failed = await runShutdownHooks(app, (name, err) => logger.error({ err, hook: name }, "shutdown work failed"));
    await prisma.$disconnect();
    logger.info("stopped");
    process.exit(failed.length ? 1 : 0);
  });
  server.closeIdleConnections();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
