import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { loadConfig, type Config } from "../../src/config.js";
import { createPrisma, type PrismaClient } from "../../src/db.js";
import { createLogger } from "../../src/logger.js";
import { announceContentChange, createApp } from "../../src/app.js";
import { runShutdownHooks } from "../../src/lib/shutdown.js";
import { systemClock, type Clock } from "../../src/lib/vi-time.js";
import { TEMPLATE_DB, TEMPLATE_POSTGRES, TEMPLATE_UPLOADS, TMP_DIR } from "./paths.js";
import { createDatabase, databaseUrl, dropDatabase, onPostgres } from "./postgres.js";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  prisma: PrismaClient;
  config: Config;
  dir: string;
  /** After writing through factories or services: the app forgets its kept pages, as after an admin write. */
  changed: () => Promise<void>;
}

/** A copy of the seeded template: a SQLite file in `dir`, or a PostgreSQL database (TEST_DATABASE=postgresql). */
export async function testDatabase(dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (onPostgres) {
    const name = await createDatabase("cchc_test", fs.readFileSync(TEMPLATE_POSTGRES, "utf8"));
    return { url: databaseUrl(name), drop: () => dropDatabase(name) };
  }
  const dbFile = path.join(dir, "portal.db");
  fs.copyFileSync(TEMPLATE_DB, dbFile);
  return { url: `file:${dbFile}`, drop: async () => {} };
}

/**
 * A fresh app on its own copy of the seeded template database and uploads folder.
 * Closed automatically after the test file.
 */
export async function createTestApp(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dir = path.join(TMP_DIR, `app-${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  const database = await testDatabase(dir);
  fs.cpSync(TEMPLATE_UPLOADS, path.join(dir, "uploads"), { recursive: true });
  const config = loadConfig(
    {
      NODE_ENV: "test",
      DATABASE_URL: database.url,
      UPLOAD_DIR: path.join(dir, "uploads"),
      SESSION_SECRET: "test-secret-test-secret-test-secret",
      BCRYPT_COST: "4",
      // The template's seeded photos are in its uploads folder, on either database; tests of the
      // database store pass FILE_STORE=database (and upload their own photos).
      FILE_STORE: "local",
      // A test file makes an app per test and closes them after the file: with PostgreSQL's default
      // pool (10) a file of 16 tests opened over 100 connections, the server's limit.
      DATABASE_POOL_SIZE: "2",
      // Visits shown on the next request (production shows them up to a second late, see
      // visits-exact.test.ts), so a test reads what it just did.
      VISIT_DISPLAY_INTERVAL_MS: "0",
      ...options.env,
    },
    dir,
  );
  const prisma = createPrisma(config);
  const app = createApp({ config, prisma, logger: createLogger(config), clock: options.clock ?? systemClock });
  afterAll(async () => {
    await runShutdownHooks(app, () => {});
    await prisma.$disconnect();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { app, prisma, config, dir, changed: () => announceContentChange(app) };
}

/** A browser-like user agent: requests without one are treated as robots and not counted. */
export const BROWSER_UA =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
