// PostgreSQL's half of backup and restore.
//
// Why a dump in JavaScript over `pg` rather than pg_dump/pg_restore: pg_dump must be installed on
// every machine that runs the CLI (Debian's postgresql-client) and be of the server's major version or
// newer, a mismatch that shows up only on the night the backup runs; and pg_restore into an existing
// schema gives no way to check the data before it lands. Here the snapshot is COPY ... TO STDOUT of
// every table, in one REPEATABLE READ READ ONLY transaction (one snapshot: what was committed when it
// began, whatever the site writes meanwhile; readers and writers are never blocked), with ACCESS SHARE
// locks so no migration changes a table mid-dump. Schema comes from our migrations, not the dump, so
// the file holds only data: tables read from the catalogs (every one, whatever later migrations add),
// row counts, and where each sequence stood.
//
// Restore never writes into the site's tables until everything is checked: the dump is loaded into a
// staging schema of the same database, created by running the archive's own migrations, then this
// code's pending ones run on it. Only then, in one transaction, the site's tables are emptied and
// filled from the staging schema and the sequences set; a failure anywhere leaves them as they were.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { listMigrations } from "../db/migrate.js";
import { migratePostgres, POSTGRES_MIGRATIONS_DIR } from "../db/migrate-postgres.js";
import { BackupError } from "./manifest.js";
import {
  appliedMigrations,
  contentTables,
  countRows,
  qualified,
  quoteIdentifier,
  readTables,
  sequenceState,
  setSequence,
  type TableInfo,
} from "./pg-catalog.js";
import { copyIn, copyOut } from "./pg-copy.js";
import { dumpPreamble, readDumpHeader, readDumpSections, sectionEnd, type DumpHeader, type DumpTable } from "./pg-dump-file.js";
import type { DatabaseDescription, DatabaseSnapshotter } from "./snapshotter.js";

// Any constant other than the migration and start-up locks': restores of one database take turns.
const RESTORE_LOCK = 72_707_003;
const STAGING_PREFIX = "cchc_restore_";
// Output that reads back the same whatever the server's or the restoring session's defaults.
const STABLE_TEXT = "SET DateStyle = ISO; SET IntervalStyle = postgres; SET extra_float_digits = 3; SET bytea_output = hex";

/** The URL without its password, for messages. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgresql://…";
  }
}

/** The same database, with `schema` as the only schema unqualified names resolve to. */
function urlWithSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  const options = [parsed.searchParams.get("options"), `-c search_path=${schema}`].filter(Boolean).join(" ");
  parsed.searchParams.set("options", options);
  return parsed.toString();
}

const pgMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Writes to a file in 1 MB batches; COPY hands over one row at a time. */
function batchedWriter(fd: number) {
  const batch = Buffer.allocUnsafe(1024 * 1024);
  let used = 0;
  const writeAll = (bytes: Buffer) => {
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done);
  };
  const flush = () => {
    writeAll(batch.subarray(0, used));
    used = 0;
  };
  return {
    write(chunk: Buffer) {
      if (used + chunk.length > batch.length) flush();
      if (chunk.length > batch.length) writeAll(chunk);
      else used += chunk.copy(batch, used);
    },
    flush,
  };
}

export class PostgresSnapshotter implements DatabaseSnapshotter {
  readonly kind = "postgresql" as const;
  readonly fileName = "database.pgcopy";
  readonly target: string;
  /** The restore's own connection: holds the restore lock from stage() to release(). */
  private session: pg.Client | null = null;
  private staging: string | null = null;

  constructor(private readonly url: string) {
    this.target = displayUrl(url);
  }

  knownMigrations(): string[] {
    return listMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name);
  }

  private async connect(url = this.url): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      if ((error as { code?: string }).code === "3D000") {
        throw new BackupError(`Cơ sở dữ liệu ${this.target} chưa tồn tại; hãy tạo nó trước (createdb), rồi chạy lại.`);
      }
      throw new BackupError(`Không kết nối được PostgreSQL ${this.target}: ${pgMessage(error)}`);
    }
    return client;
  }

  private async schemaOf(client: pg.Client): Promise<string> {
    const { rows } = await client.query<{ schema: string | null }>("SELECT current_schema() AS schema");
    if (!rows[0]?.schema) throw new BackupError(`Cơ sở dữ liệu ${this.target} không có schema nào trong search_path.`);
    return rows[0].schema;
  }

  async snapshot(dest: string): Promise<DatabaseDescription> {
    const client = await this.connect();
    try {
      await client.query(STABLE_TEXT);
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const schema = await this.schemaOf(client); // the first query: the snapshot is taken here
      const all = await readTables(client, schema);
      if (all.length) await client.query(`LOCK TABLE ${all.map((t) => qualified(schema, t.name)).join(", ")} IN ACCESS SHARE MODE`);
      const tables: DumpTable[] = [];
      for (const table of contentTables(all)) {
        const sequences = [];
        for (const { column, sequence } of table.sequences) sequences.push({ column, ...(await sequenceState(client, sequence)) });
        tables.push({ name: table.name, columns: table.columns, rows: await countRows(client, schema, table.name), sequences });
      }
      const { rows: version } = await client.query<{ server_version: string }>("SHOW server_version");
      const header: DumpHeader = { server: version[0]!.server_version, schema, migrations: await appliedMigrations(client, schema), tables };
      const fd = fs.openSync(dest, "wx", 0o600);
      try {
        const out = batchedWriter(fd);
        out.write(dumpPreamble(header));
        for (const table of tables) {
          const columns = table.columns.map(quoteIdentifier).join(", ");
          const copied = await copyOut(client, `COPY ${qualified(schema, table.name)} (${columns}) TO STDOUT`, (chunk) => out.write(chunk));
          if (copied !== table.rows) throw new Error(`COPY ${table.name}: ${copied} rows, count(*) said ${table.rows} in the same snapshot`);
          out.write(sectionEnd());
        }
        out.flush();
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
    return this.inspect(dest);
  }

  async inspect(file: string): Promise<DatabaseDescription> {
    const { header, offset } = readDumpHeader(file);
    await readDumpSections(file, offset, header.tables, () => ({ write() {}, end() {} }));
    const rowCounts = Object.fromEntries(header.tables.map((t) => [t.name, t.rows] as const).sort(([a], [b]) => a.localeCompare(b)));
    return { migrations: header.migrations, rowCounts };
  }

  async countTargetRows(): Promise<Record<string, number>> {
    const client = await this.connect();
    try {
      const schema = await this.schemaOf(client);
      const counts: Record<string, number> = {};
      const tables = contentTables(await readTables(client, schema)).sort((a, b) => a.name.localeCompare(b.name));
      for (const table of tables) counts[table.name] = await countRows(client, schema, table.name);
      return counts;
    } finally {
      await client.end();
    }
  }

  async stage(file: string): Promise<string[]> {
    const { header, offset } = readDumpHeader(file);
    const session = (this.session = await this.connect());
    await session.query("SELECT pg_advisory_lock($1)", [RESTORE_LOCK]);
    const targetSchema = await this.schemaOf(session);
    const known = new Set(this.knownMigrations());
    const newer = (await appliedMigrations(session, targetSchema)).filter((m) => !known.has(m));
    if (newer.length) {
      throw new BackupError(
        `Cơ sở dữ liệu ${this.target} đã được phiên bản phần mềm mới hơn nâng cấp (migration ${newer.join(", ")}); phiên bản này không khôi phục vào đó được. Hãy cập nhật phần mềm.`,
      );
    }
    // Staging schemas of restores that were killed (this lock is free, so none is running).
    const { rows: leftovers } = await session.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1`, [`${STAGING_PREFIX}%`]);
    for (const { name } of leftovers) await session.query(`DROP SCHEMA ${quoteIdentifier(name)} CASCADE`);
    const staging = `${STAGING_PREFIX}${crypto.randomBytes(6).toString("hex")}`;
    try {
      await session.query(`CREATE SCHEMA ${quoteIdentifier(staging)}`);
    } catch (error) {
      throw new BackupError(`Không tạo được schema tạm ${staging} trong ${this.target} (${pgMessage(error)}): người dùng của DATABASE_URL cần quyền CREATE trên cơ sở dữ liệu.`);
    }
    this.staging = staging;
    await this.migrateStaging(header.migrations);
    await this.load(file, offset, header.tables);
    try {
      return await migratePostgres(urlWithSearchPath(this.url, staging));
    } catch (error) {
      throw new BackupError(`Không nâng cấp được dữ liệu của bản sao lưu lên phiên bản hiện tại: ${pgMessage(error)}`);
    }
  }

  /** Gives the staging schema the tables the archive's data was made for: its own migrations, no newer ones. */
  private async migrateStaging(migrations: string[]): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-restore-migrations-"));
    try {
      for (const name of migrations) fs.cpSync(path.join(POSTGRES_MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
      await migratePostgres(urlWithSearchPath(this.url, this.staging!), dir);
    } catch (error) {
      throw new BackupError(`Không dựng được cấu trúc bảng của bản sao lưu: ${pgMessage(error)}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** COPY FROM every section of the dump into the staging schema, then puts each sequence where it stood. */
  private async load(file: string, offset: number, tables: DumpTable[]): Promise<void> {
    const session = this.session!;
    const staging = this.staging!;
    await session.query(STABLE_TEXT);
    const loading = readDumpSections(file, offset, tables, async (table) => {
      const columns = table.columns.map(quoteIdentifier).join(", ");
      const copy = await copyIn(session, `COPY ${qualified(staging, table.name)} (${columns}) FROM STDIN`).catch((error) => {
        throw new BackupError(`Bảng ${table.name} của bản sao lưu không khớp với cấu trúc mà các migration của nó tạo ra: ${pgMessage(error)}`);
      });
      return {
        write: (chunk) => copy.write(chunk),
        end: async () => {
          const stored = await copy.end();
          if (stored !== table.rows) throw new BackupError(`Bảng ${table.name}: nạp được ${stored} dòng, bản sao lưu ghi ${table.rows}.`);
        },
        abort: (error) => copy.fail(error).catch(() => {}),
      };
    });
    await loading.catch((error) => {
      if (error instanceof BackupError) throw error;
      throw new BackupError(`Không nạp được dữ liệu của bản sao lưu: ${pgMessage(error)}`);
    });
    for (const table of tables) {
      for (const { column, ...state } of table.sequences) {
        const { rows } = await session.query<{ sequence: string | null }>(`SELECT pg_get_serial_sequence($1, $2) AS sequence`, [qualified(staging, table.name), column]);
        if (rows[0]?.sequence) await setSequence(session, rows[0].sequence, state);
      }
    }
  }

  async install(): Promise<void> {
    const session = this.session!;
    const staging = this.staging!;
    // A brand-new database gets its tables here; an older site's are brought up to this version.
    await migratePostgres(this.url);
    const targetSchema = await this.schemaOf(session);
    await session.query("BEGIN");
    try {
      // A site still running would hold locks: say so instead of waiting for ever.
      await session.query("SET LOCAL lock_timeout = '30s'");
      const target = contentTables(await readTables(session, targetSchema));
      const staged = contentTables(await readTables(session, staging));
      const names = (tables: TableInfo[]) => tables.map((t) => t.name).sort().join(", ");
      if (names(target) !== names(staged)) throw new Error(`tables differ after migrating: ${names(target)} / ${names(staged)}`);
      if (target.length) await session.query(`TRUNCATE ${target.map((t) => qualified(targetSchema, t.name)).join(", ")}`);
      for (const table of staged) {
        const columns = table.columns.map(quoteIdentifier).join(", ");
        await session.query(
          `INSERT INTO ${qualified(targetSchema, table.name)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM ${qualified(staging, table.name)}`,
        );
      }
      for (const table of target) {
        const from = staged.find((t) => t.name === table.name)!;
        for (const { column, sequence } of table.sequences) {
          const source = from.sequences.find((s) => s.column === column);
          if (source) await setSequence(session, sequence, await sequenceState(session, source.sequence));
        }
      }
      await session.query("COMMIT");
    } catch (error) {
      await session.query("ROLLBACK").catch(() => {});
      if ((error as { code?: string }).code === "55P03") {
        throw new Error(`${pgMessage(error)}: một tiến trình khác đang dùng các bảng (trang web còn chạy?). Hãy dừng mọi máy chủ ứng dụng rồi khôi phục lại.`);
      }
      throw error;
    }
  }

  async release(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = null;
    try {
      if (this.staging) await session.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(this.staging)} CASCADE`);
      await session.query("SELECT pg_advisory_unlock($1)", [RESTORE_LOCK]);
    } finally {
      this.staging = null;
      await session.end();
    }
  }
}
