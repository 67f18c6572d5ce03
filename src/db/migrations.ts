import pg from "pg";
import type { Config } from "../config.js";
import { migrateSqlite } from "./migrate.js";
import { migratePostgres } from "./migrate-postgres.js";

type DatabaseConfig = Pick<Config, "databaseUrl" | "databaseKind">;

/** Applies the pending migrations of the configured database; returns the names applied. */
export async function applyMigrations(config: DatabaseConfig): Promise<string[]> {
  return config.databaseKind === "postgresql"
    ? migratePostgres(config.databaseUrl)
    : migrateSqlite(config.databaseUrl.slice("file:".length));
}

// Any constant other than the migration lock's.
const STARTUP_LOCK = 72_707_002;

/**
 * Runs start-up work (seeding an empty database, rebuilding an empty search index) while holding a
 * lock, so instances of one PostgreSQL database starting together do it once. One process owns a
 * SQLite file, so there it simply runs.
 */
export async function withStartupLock<T>(config: DatabaseConfig, work: () => Promise<T>): Promise<T> {
  if (config.databaseKind !== "postgresql") return work();
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK]).catch(() => {});
    await client.end();
  }
}
