import crypto from "node:crypto";
import pg from "pg";

// Tests on PostgreSQL (TEST_DATABASE=postgresql): each test app gets its own database, copied from a
// template migrated and seeded once (CREATE DATABASE … TEMPLATE), and dropped after its file.
export const POSTGRES_SERVER = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const onPostgres = process.env.TEST_DATABASE === "postgresql";

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** True when a PostgreSQL server answers at TEST_POSTGRES_URL. */
export async function postgresAvailable(): Promise<boolean> {
  try {
    await admin((c) => c.query("SELECT 1"));
    return true;
  } catch {
    return false;
  }
}

/** A new empty database (or a copy of `template`), with a unique name; returns its name. */
export async function createDatabase(prefix: string, template?: string): Promise<string> {
  const name = `${prefix}_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Databases left by runs killed before their clean-up: named prefix_<pid>_…, that process gone. */
export async function dropLeftovers(prefix: string): Promise<void> {
  const { rows } = await admin((c) => c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}\\_%`]));
  for (const { datname } of rows) {
    const pid = Number(datname.slice(prefix.length + 1).split("_")[0]);
    if (Number.isInteger(pid) && !alive(pid)) await dropDatabase(datname);
  }
}
