import { loadConfig } from "./config.js";
import { createPrisma } from "./db.js";
import { migrateSqlite } from "./db/migrate.js";
import { createLogger } from "./logger.js";
import { createApp } from "./app.js";
import { seedDemo } from "../prisma/seed.js";
import { ensureSearchIndex } from "./services/search-index.js";

const config = loadConfig();
const logger = createLogger(config);

const applied = migrateSqlite(config.databaseUrl.slice("file:".length));
if (applied.length) logger.info({ applied }, "migrations applied");

const prisma = createPrisma(config);
if (config.seedDemo) {
  const media = { uploadDir: config.uploadDir, maxBytes: config.uploadMaxBytes, maxPixels: config.uploadMaxPixels };
  if (await seedDemo(prisma, media)) logger.info("demo content seeded from the seed page");
}
// A database restored from a backup or migrated from elsewhere may have articles but no index yet.
const reindexed = await ensureSearchIndex(prisma);
if (reindexed) logger.info({ articles: reindexed }, "search index rebuilt");

const app = createApp({ config, prisma, logger });
const server = app.listen(config.port, config.host, () => {
  logger.info(`Trang đang chạy tại http://${config.host}:${config.port}`);
  console.log(`Trang đang chạy tại http://${config.host}:${config.port}`);
});

// Finish requests in flight, then close the database, on Ctrl-C or a service stop.
function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  server.close(() => {
    void prisma.$disconnect().finally(() => process.exit(0));
  });
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
