// npm run cli -- db:copy --to postgresql://…: the configured SQLite site into an empty PostgreSQL
// database. Table-generic: every Prisma model (Prisma.ModelName of the generated client) is copied,
// in the order of the target's foreign keys, with the columns both databases have, so a new model
// needs no change here. Rows and files go in one transaction: a failure leaves the target empty.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { Prisma } from "../generated/prisma/client.js";
import { contentTables, countRows, quoteIdentifier, readTables, type TableInfo } from "../backup/pg-catalog.js";
import { displayUrl } from "../backup/postgres-snapshotter.js";
import { migratePostgres } from "./migrate-postgres.js";

/** The site's files, read through its file store. */
export interface SourceFiles {
  list(): Promise<{ key: string; contentType: string }[]>;
  read(key: string): Promise<Buffer | null>;
}

export interface CopyOptions {
  sqliteFile: string;
  files: SourceFiles;
  to: string;
  sessions: boolean;
  progress(label: string, done: number, total: number): void;
}

export interface CopyPlan {
  tables: { name: string; rows: number }[];
  skipped: { name: string; rows: number; reason: string }[];
}

export interface CopyResult extends CopyPlan {
  files: { count: number; bytes: number; sha256: Map<string, string> };
}

// Rows that matter for minutes only: recent login failures and contact-form windows start afresh.
const TRANSIENT = new Set(["LoginAttempt", "RateLimitHit"]);
const SESSIONS = "Session";
// Filled from the site's file store (the local folder, or this table when the site already uses the database).
const FILES_TABLE = "StoredFile";
const MAX_PARAMETERS = 30_000;
const MAX_BATCH_BYTES = 8 * 1024 * 1024;
const MAX_BATCH_ROWS = 1000;

const q = quoteIdentifier;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(
      `Không kết nối được PostgreSQL tại ${displayUrl(url)}: ${(error as Error).message}. ` +
        "Hãy tạo cơ sở dữ liệu trống trước (ví dụ createdb -U postgres cchc) và kiểm tra địa chỉ.",
    );
  }
  return client;
}

/** The target's tables that hold rows, with their counts; the migrations' own table aside. */
async function rowsPresent(client: pg.Client): Promise<string[]> {
  const found: string[] = [];
  for (const table of contentTables(await readTables(client, "public"))) {
    const n = await countRows(client, "public", table.name);
    if (n > 0) found.push(`${table.name} (${n} dòng)`);
  }
  return found;
}

async function refuseUnlessEmpty(client: pg.Client, url: string): Promise<void> {
  const found = await rowsPresent(client);
  if (found.length) {
    throw new Error(
      `Cơ sở dữ liệu đích ${displayUrl(url)} không trống: ${found.join(", ")}. ` +
        "db:copy chỉ chép vào một cơ sở dữ liệu PostgreSQL trống; không có gì bị thay đổi.",
    );
  }
}

/** Target column types, to turn SQLite's 0/1 and date texts into booleans and timestamps. */
async function columnTypes(client: pg.Client): Promise<Map<string, string>> {
  const { rows } = await client.query<{ t: string; c: string; type: string }>(
    `SELECT table_name AS t, column_name AS c, data_type AS type FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  return new Map(rows.map((r) => [`${r.t}.${r.c}`, r.type]));
}

type Convert = (value: unknown) => unknown;
const ZONED = /(?:[zZ]|[+-]\d\d:?\d\d)$/;
// Prisma keeps UTC in "timestamp without time zone": a zoned text is turned into UTC first.
const toTimestamp: Convert = (v) =>
  v === null ? null : typeof v === "number" ? new Date(v).toISOString() : typeof v === "string" && ZONED.test(v) ? new Date(v).toISOString() : v;
const CONVERTERS: Record<string, Convert> = {
  boolean: (v) => (v === null ? null : Boolean(v)),
  "timestamp without time zone": toTimestamp,
  "timestamp with time zone": toTimestamp,
  bigint: (v) => (v === null ? null : String(v)),
};
const asIs: Convert = (v) => v;

const approximateBytes = (row: unknown[]) =>
  row.reduce<number>((sum, v) => sum + (typeof v === "string" ? v.length * 3 : Buffer.isBuffer(v) ? v.length : 8), 0);

/** Multi-row INSERTs of at most MAX_BATCH_ROWS rows, MAX_PARAMETERS values and about MAX_BATCH_BYTES. */
function batcher(client: pg.Client, table: string, columns: string[], converters: Convert[]) {
  const perStatement = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / columns.length)));
  const head = `INSERT INTO ${q(table)} (${columns.map(q).join(", ")}) VALUES `;
  let rows: unknown[][] = [];
  let bytes = 0;
  const flush = async () => {
    if (!rows.length) return;
    const values: unknown[] = [];
    const tuples = rows.map((row) => `(${row.map((v, i) => `$${values.push(converters[i]!(v))}`).join(", ")})`);
    await client.query(head + tuples.join(", "), values);
    rows = [];
    bytes = 0;
  };
  return {
    async add(row: unknown[]): Promise<boolean> {
      rows.push(row);
      bytes += approximateBytes(row);
      if (rows.length < perStatement && bytes < MAX_BATCH_BYTES) return false;
      await flush();
      return true;
    },
    flush,
  };
}

function sqliteColumns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${q(table)})`).all() as { name: string }[]).map((c) => c.name);
}

/** What will be copied and skipped, with the source's row counts, read inside the source snapshot. */
function planCopy(db: Database.Database, target: TableInfo[], sessions: boolean): CopyPlan & { columns: Map<string, string[]> } {
  const models = new Set<string>(Object.values(Prisma.ModelName));
  const inSource = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]));
  const missing = [...models].filter((m) => !inSource.has(m) || !target.some((t) => t.name === m));
  if (missing.length) {
    throw new Error(`Hai cơ sở dữ liệu không cùng phiên bản: thiếu bảng ${missing.join(", ")}. Hãy cập nhật mã nguồn rồi chạy lại.`);
  }
  const plan: CopyPlan & { columns: Map<string, string[]> } = { tables: [], skipped: [], columns: new Map() };
  for (const table of target.filter((t) => models.has(t.name))) {
    const rows = (db.prepare(`SELECT count(*) FROM ${q(table.name)}`).pluck().get() as number) ?? 0;
    if (table.name === FILES_TABLE) continue;
    if (TRANSIENT.has(table.name)) plan.skipped.push({ name: table.name, rows, reason: "chỉ có giá trị trong vài phút" });
    else if (table.name === SESSIONS && !sessions) plan.skipped.push({ name: table.name, rows, reason: "thêm --sessions để chép" });
    else {
      const source = sqliteColumns(db, table.name);
      const extra = source.filter((c) => !table.columns.includes(c));
      const absent = table.columns.filter((c) => !source.includes(c));
      if (extra.length || absent.length) {
        throw new Error(`Bảng ${table.name} khác nhau giữa hai cơ sở dữ liệu (cột ${[...extra, ...absent].join(", ")}). Hãy cập nhật mã nguồn rồi chạy lại.`);
      }
      plan.tables.push({ name: table.name, rows });
      plan.columns.set(table.name, source);
    }
  }
  return plan;
}

async function copyRows(db: Database.Database, client: pg.Client, plan: ReturnType<typeof planCopy>, progress: CopyOptions["progress"]) {
  const types = await columnTypes(client);
  for (const { name, rows: total } of plan.tables) {
    const columns = plan.columns.get(name)!;
    const out = batcher(client, name, columns, columns.map((c) => CONVERTERS[types.get(`${name}.${c}`) ?? ""] ?? asIs));
    let done = 0;
    const select = db.prepare(`SELECT ${columns.map(q).join(", ")} FROM ${q(name)}`).raw(true);
    for (const row of select.iterate() as IterableIterator<unknown[]>) {
      done += 1;
      if (await out.add(row)) progress(name, done, total);
    }
    await out.flush();
    progress(name, done, total);
  }
}

/** Every file of the site into the target's StoredFile table (the database store's rows). */
async function copyFiles(client: pg.Client, files: SourceFiles, progress: CopyOptions["progress"]): Promise<CopyResult["files"]> {
  const listing = await files.list();
  const out = batcher(client, FILES_TABLE, ["key", "contentType", "size", "sha256", "bytes"], [asIs, asIs, asIs, asIs, asIs]);
  const result = { count: 0, bytes: 0, sha256: new Map<string, string>() };
  for (const { key, contentType } of listing) {
    const bytes = await files.read(key);
    if (!bytes) continue; // deleted meanwhile
    const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
    result.sha256.set(key, sha256);
    result.count += 1;
    result.bytes += bytes.length;
    if (await out.add([key, contentType, bytes.length, sha256, bytes])) progress("tệp", result.count, listing.length);
  }
  await out.flush();
  progress("tệp", result.count, listing.length);
  return result;
}

/** Sequences continue after the copied ids, so new rows get fresh ones. */
async function resetSequences(client: pg.Client, tables: TableInfo[]): Promise<void> {
  for (const table of tables) {
    for (const { column, sequence } of table.sequences) {
      await client.query(
        `SELECT setval($1::regclass, coalesce(max(${q(column)}), 1), max(${q(column)}) IS NOT NULL) FROM ${q(table.name)}`,
        [sequence],
      );
    }
  }
}

/**
 * Checks the target is empty (refusing otherwise, touching nothing), migrates it, then copies rows,
 * files and sequences in one transaction on the target while reading one snapshot of the source.
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyResult> {
  const client = await connect(options.to);
  const db = new Database(options.sqliteFile, { readonly: true, fileMustExist: true });
  try {
    await refuseUnlessEmpty(client, options.to);
    await migratePostgres(options.to);
    db.exec("BEGIN"); // one snapshot of the source, whatever writes arrive meanwhile
    const target = await readTables(client, "public");
    const plan = planCopy(db, target, options.sessions);
    await client.query("BEGIN");
    try {
      await refuseUnlessEmpty(client, options.to); // another copy may have started meanwhile
      await copyRows(db, client, plan, options.progress);
      const files = await copyFiles(client, options.files, options.progress);
      await resetSequences(client, target);
      await client.query("COMMIT");
      return { tables: plan.tables, skipped: plan.skipped, files };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    if (db.inTransaction) db.exec("ROLLBACK");
    db.close();
    await client.end().catch(() => {});
  }
}

/** After the copy: the same row counts per table, and every file's bytes with the same sha256. */
export async function verifyCopy(url: string, result: CopyResult): Promise<string[]> {
  const client = await connect(url);
  try {
    const problems: string[] = [];
    for (const { name, rows } of result.tables) {
      const n = await countRows(client, "public", name);
      if (n !== rows) problems.push(`${name}: ${rows} dòng ở nguồn, ${n} dòng ở đích`);
    }
    const { rows } = await client.query<{ key: string; recorded: string; actual: string }>(
      `SELECT "key", "sha256" AS recorded, encode(sha256("bytes"), 'hex') AS actual FROM ${q(FILES_TABLE)}`,
    );
    const stored = new Map(rows.map((r) => [r.key, r]));
    for (const [key, sha256] of result.files.sha256) {
      const row = stored.get(key);
      if (!row) problems.push(`tệp ${key}: không có ở đích`);
      else if (row.actual !== sha256 || row.recorded !== sha256) problems.push(`tệp ${key}: sha256 khác nhau`);
    }
    if (stored.size !== result.files.sha256.size) problems.push(`tệp: ${result.files.sha256.size} ở nguồn, ${stored.size} ở đích`);
    return problems;
  } finally {
    await client.end().catch(() => {});
  }
}
