// What a PostgreSQL schema holds, read from the catalogs rather than from a list in our code: a table
// added by a later migration (the database file store's, say) is dumped and restored like the others.
import type pg from "pg";

export const MIGRATIONS_TABLE = "_prisma_migrations";

export interface TableInfo {
  name: string;
  /** Columns a COPY or INSERT may name, in table order: generated columns are computed by the server. */
  columns: string[];
  /** Sequences owned by a column (serial or identity), as the server spells them (quoted, qualified). */
  sequences: { column: string; sequence: string }[];
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function qualified(schema: string, table: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/** Orders tables so that every table comes after the tables its foreign keys point to (by name otherwise). */
function referencedFirst(names: string[], references: { from: string; to: string }[]): string[] {
  const waitingFor = new Map(names.map((n) => [n, new Set<string>()]));
  for (const { from, to } of references) if (from !== to && waitingFor.has(to)) waitingFor.get(from)?.add(to);
  const ordered: string[] = [];
  const pending = new Set([...names].sort());
  while (pending.size) {
    const ready = [...pending].filter((n) => [...waitingFor.get(n)!].every((d) => !pending.has(d)));
    // A cycle of foreign keys: load the rest by name and let the server say which key fails.
    for (const name of ready.length ? ready : [...pending]) {
      ordered.push(name);
      pending.delete(name);
    }
  }
  return ordered;
}

/** Every plain table of `schema`, referenced tables first. */
export async function readTables(client: pg.Client, schema: string): Promise<TableInfo[]> {
  const { rows: columns } = await client.query<{ table: string; column: string; generated: boolean; sequence: string | null }>(
    `SELECT c.relname AS table, a.attname AS column, a.attgenerated <> '' AS generated,
            pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS sequence
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = $1 AND c.relkind = 'r'
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  const { rows: references } = await client.query<{ from: string; to: string }>(
    `SELECT f.relname AS from, t.relname AS to
       FROM pg_constraint k
       JOIN pg_class f ON f.oid = k.conrelid
       JOIN pg_class t ON t.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = k.connamespace
      WHERE n.nspname = $1 AND k.contype = 'f'`,
    [schema],
  );
  const tables = new Map<string, TableInfo>();
  for (const row of columns) {
    const table = tables.get(row.table) ?? { name: row.table, columns: [], sequences: [] };
    tables.set(row.table, table);
    if (!row.generated) table.columns.push(row.column);
    if (row.sequence) table.sequences.push({ column: row.column, sequence: row.sequence });
  }
  return referencedFirst([...tables.keys()], references).map((name) => tables.get(name)!);
}

/** The tables that hold the site's content: all of them but Prisma's migration bookkeeping. */
export const contentTables = (tables: TableInfo[]) => tables.filter((t) => t.name !== MIGRATIONS_TABLE);

/** Applied migrations, oldest first; none when the table does not exist. */
export async function appliedMigrations(client: pg.Client, schema: string): Promise<string[]> {
  const exists = await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2`, [schema, MIGRATIONS_TABLE]);
  if (!exists.rowCount) return [];
  const { rows } = await client.query<{ name: string }>(
    `SELECT migration_name AS name FROM ${qualified(schema, MIGRATIONS_TABLE)}
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => r.name);
}

export async function countRows(client: pg.Client, schema: string, table: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${qualified(schema, table)}`);
  return Number(rows[0]!.n);
}

/** Where a sequence stands: the value setval needs to put it back. */
export async function sequenceState(client: pg.Client, sequence: string): Promise<{ lastValue: string; isCalled: boolean }> {
  const { rows } = await client.query<{ lastValue: string; isCalled: boolean }>(
    `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${sequence}`,
  );
  return rows[0]!;
}

export async function setSequence(client: pg.Client, sequence: string, state: { lastValue: string; isCalled: boolean }): Promise<void> {
  await client.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [sequence, state.lastValue, state.isCalled]);
}
