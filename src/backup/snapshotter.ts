// The database-specific half of backup and restore. The archive, manifest and uploads are shared;
// each database kind supplies one of these (SQLite now; PostgreSQL with its own issue, e.g. through
// pg_dump/pg_restore and the migration runner that keeps _prisma_migrations).
import type { Config } from "../config.js";
import { BackupError } from "./manifest.js";
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
}

export function createSnapshotter(config: Pick<Config, "databaseKind" | "databaseUrl">): DatabaseSnapshotter {
  if (config.databaseKind === "sqlite") return new SqliteSnapshotter(config.databaseUrl.slice("file:".length));
  throw new BackupError("Sao lưu và khôi phục PostgreSQL chưa được hỗ trợ trong phiên bản này; hãy dùng DATABASE_URL=file:...");
}
