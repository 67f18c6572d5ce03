// SQLite's half of backup and restore.
// The snapshot is `VACUUM INTO` on a separate read-only connection: one read transaction, so it is
// consistent while the site keeps writing (WAL lets writers go on), it includes what still sits in
// the -wal file, and it never writes to the live database. The online backup API was not chosen:
// it restarts whenever another connection writes, so under steady writes it may never finish.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { listMigrations, migrateSqlite } from "../db/migrate.js";
import { BackupError } from "./manifest.js";
import type { DatabaseDescription, DatabaseSnapshotter } from "./snapshotter.js";

const SIDE_FILES = ["-wal", "-shm", "-journal"];

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function openReadOnly(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
}

/** Migrations and row counts: plain and virtual tables, not SQLite's own nor FTS shadow tables. */
function describe(db: Database.Database): DatabaseDescription {
  const tables = db
    .prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') ORDER BY name`)
    .pluck()
    .all() as string[];
  const rowCounts: Record<string, number> = {};
  for (const name of tables) {
    if (name.startsWith("sqlite_") || name === "_prisma_migrations") continue;
    rowCounts[name] = Number(db.prepare(`SELECT count(*) FROM ${quoteIdentifier(name)}`).pluck().get());
  }
  const migrations = tables.includes("_prisma_migrations")
    ? (db
        .prepare(
          `SELECT migration_name FROM _prisma_migrations
           WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
        )
        .pluck()
        .all() as string[])
    : [];
  return { migrations, rowCounts };
}

function checkIntegrity(db: Database.Database, what: string): void {
  const result = db.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
  const problems = result.map((r) => r.integrity_check).filter((r) => r !== "ok");
  if (problems.length) throw new BackupError(`${what} không toàn vẹn (PRAGMA integrity_check): ${problems.slice(0, 5).join("; ")}`);
}

export class SqliteSnapshotter implements DatabaseSnapshotter {
  readonly kind = "sqlite" as const;
  readonly fileName = "database.sqlite";

  constructor(private readonly dbPath: string) {}

  get target(): string {
    return `file:${this.dbPath}`;
  }

  knownMigrations(): string[] {
    return listMigrations().map((m) => m.name);
  }

  async snapshot(dest: string): Promise<DatabaseDescription> {
    if (!fs.existsSync(this.dbPath)) throw new BackupError(`Không tìm thấy cơ sở dữ liệu ${this.dbPath}.`);
    const live = openReadOnly(this.dbPath);
    try {
      live.prepare("VACUUM INTO ?").run(dest);
    } finally {
      live.close();
    }
    return this.inspect(dest, "Bản chụp cơ sở dữ liệu vừa tạo");
  }

  async inspect(file: string, what = "Cơ sở dữ liệu trong tệp sao lưu"): Promise<DatabaseDescription> {
    let db: Database.Database | undefined;
    try {
      db = openReadOnly(file);
      checkIntegrity(db, what);
      return describe(db);
    } catch (error) {
      if (error instanceof BackupError) throw error;
      throw new BackupError(`${what} không đọc được: ${(error as Error).message}`);
    } finally {
      db?.close();
    }
  }

  async countTargetRows(): Promise<Record<string, number>> {
    if (!fs.existsSync(this.dbPath) || fs.statSync(this.dbPath).size === 0) return {};
    const db = openReadOnly(this.dbPath);
    try {
      return describe(db).rowCounts;
    } finally {
      db.close();
    }
  }

  async stage(file: string): Promise<string[]> {
    try {
      const applied = migrateSqlite(file);
      // One self-contained file to move into place: the app switches back to WAL when it opens it.
      const db = new Database(file);
      db.pragma("journal_mode = DELETE");
      db.close();
      return applied;
    } catch (error) {
      throw new BackupError(`Không nâng cấp được cơ sở dữ liệu của bản sao lưu lên phiên bản hiện tại: ${(error as Error).message}`);
    }
  }

  async install(file: string): Promise<void> {
    // The old -wal/-shm belong to the old file: a stale WAL applied to the new file would corrupt it.
    // They are set aside beside the staged file (same folder as the target) and dropped once the new file is in.
    fs.mkdirSync(path.dirname(this.dbPath), { recursive: true });
    const aside: [string, string][] = [];
    for (const suffix of SIDE_FILES) {
      const side = this.dbPath + suffix;
      if (!fs.existsSync(side)) continue;
      const parked = `${file}.old${suffix}`;
      fs.renameSync(side, parked);
      aside.push([parked, side]);
    }
    try {
      fs.renameSync(file, this.dbPath);
    } catch (error) {
      for (const [parked, side] of aside) fs.renameSync(parked, side);
      throw error;
    }
    for (const [parked] of aside) fs.rmSync(parked, { force: true });
  }

  // Everything stage() made is in the staging folder, which restore removes.
  async release(): Promise<void> {}
}
