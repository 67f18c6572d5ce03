import { execFileSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migratePostgres } from "../../src/db/migrate-postgres.js";
import { POSTGRES_SCHEMA, postgresSchemaFrom, SQLITE_SCHEMA } from "../../scripts/postgres-schema.js";
import { createDatabase, databaseUrl, dropDatabase } from "../helpers/postgres.js";

// The shape of every table Prisma knows (the search table is ours, outside the schema).
async function shape(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ table_name: string; column: string }>(
      `SELECT table_name, column_name || ' ' || data_type || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') AS column
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN ('ArticleSearch', '_prisma_migrations')
       ORDER BY table_name, column_name`,
    );
    const indexes = await client.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN ('ArticleSearch', '_prisma_migrations') ORDER BY indexname`,
    );
    const constraints = await client.query<{ def: string }>(
      `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('"ArticleSearch"', '_prisma_migrations') ORDER BY 1`,
    );
    return { columns: columns.rows, indexes: indexes.rows.map((r) => r.indexdef), constraints: constraints.rows.map((r) => r.def) };
  } finally {
    await client.end();
  }
}

describe("the PostgreSQL schema and migrations", () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const name of made) await dropDatabase(name);
  });

  it("prisma/postgresql/schema.prisma is the one generated from prisma/schema.prisma (npm run db:pg-schema)", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("the migrations build exactly the tables, columns, indexes and constraints the schema describes", async () => {
    const migrated = await createDatabase("cchc_test_drift");
    const fromSchema = await createDatabase("cchc_test_drift");
    made.push(migrated, fromSchema);
    await migratePostgres(databaseUrl(migrated));
    const sql = execFileSync("npx", ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", POSTGRES_SCHEMA, "--script"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const client = new pg.Client({ connectionString: databaseUrl(fromSchema) });
    await client.connect();
    await client.query(sql);
    await client.end();
    expect(await shape(databaseUrl(migrated))).toEqual(await shape(databaseUrl(fromSchema)));
  });

  it("applies each migration once, also when several instances start together", async () => {
    const name = await createDatabase("cchc_test_drift");
    made.push(name);
    const results = await Promise.all([1, 2, 3].map(() => migratePostgres(databaseUrl(name))));
    expect(results.flat().length).toBe(fs.readdirSync("prisma/postgresql/migrations").filter((d) => /^\d{14}_/.test(d)).length);
    expect(await migratePostgres(databaseUrl(name))).toEqual([]);
  });
});
