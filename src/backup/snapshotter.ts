// The database-specific half of backup and restore. The archive, manifest and uploads are shared;
// each database kind supplies one of these: SQLite (VACUUM INTO a file) and PostgreSQL (COPY of
// every table in one snapshot, restored through a staging schema).
import type { Config } from "../config.js";
import { PostgresSnapshotter } from "./postgres-snapshotter.js";
import { SqliteSnapshotter } from "./sqlite-snapshotter.js";

export interface DatabaseDescription {
  /** Applied migrations, oldest first (names from _prisma_migrations). */
  migrations: string[];
  /** Rows per table, internal bookkeeping tables left out. */
  rowCounts: Record<string, number>;
}

export interface DatabaseSnapshotter {
  readonly kind: Config["databaseKind"];
  /** The snapshot's name inside the archive. */
  readonly fileName: string;
  /** The target database for messages (a file path, or a URL without its password). */
  readonly target: string;
  /** Migrations this code knows: a snapshot recording any other one was made by newer code. */
  knownMigrations(): string[];
  /** A consistent snapshot of the configured database, taken while the site serves and writes, into `dest`. */
  snapshot(dest: string): Promise<DatabaseDescription>;
  /** Checks a snapshot read back from an archive (readable, intact) and describes it; touches nothing else. */
  inspect(file: string): Promise<DatabaseDescription>;
  /** Rows per table of the configured (target) database; empty when it does not exist yet. */
  countTargetRows(): Promise<Record<string, number>>;
  /** Readies a checked snapshot to replace the target, applying this code's pending migrations; returns their names. */
  stage(file: string): Promise<string[]>;
  /** Puts a staged snapshot in place of the target database. */
  install(file: string): Promise<void>;
  /** Ends a restore, whatever happened: drops what stage() left outside the staging folders. */
  release(): Promise<void>;
}

export function createSnapshotter(config: Pick<Config, "databaseKind" | "databaseUrl">): DatabaseSnapshotter {
  if (config.databaseKind === "sqlite") return new SqliteSnapshotter(config.databaseUrl.slice("file:".length));
  return new PostgresSnapshotter(config.databaseUrl);
}
