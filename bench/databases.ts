// SQLite against PostgreSQL: search times on generated articles, and page throughput of one SQLite
// instance, one PostgreSQL instance and two PostgreSQL instances sharing one database. Prints
// figures of one run, asserts nothing; loopback only. Needs the PostgreSQL server of
// TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
//   npx tsx bench/databases.ts [--articles 5000,100000] [--seconds 5] [--no-pages]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { createPrisma, type PrismaClient } from "../src/db.js";
import { migrateSqlite } from "../src/db/migrate.js";
import { migratePostgres } from "../src/db/migrate-postgres.js";
import { parseSearchQuery } from "../src/lib/search-terms.js";
import { rebuildSearchIndex } from "../src/services/search-index.js";
import { findHits } from "../src/services/search.js";
import { createDatabase, databaseUrl, dropDatabase } from "../tests/helpers/postgres.js";
import { startServer, type ServerProcess } from "../tests/helpers/server-process.js";
import { fillArticles, median, QUERIES } from "./search.js";

const { values } = parseArgs({
  options: { articles: { type: "string", default: "5000,100000" }, seconds: { type: "string", default: "5" }, "no-pages": { type: "boolean" } },
});
const sizes = values.articles.split(",").map(Number);
const seconds = Number(values.seconds);
const NO_FILTERS = { categoryId: null, from: null, until: null };
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-db-"));
const databases: string[] = [];

async function prepared(kind: "sqlite" | "postgresql", count: number): Promise<PrismaClient> {
  const started = performance.now();
  let prisma: PrismaClient;
  if (kind === "sqlite") {
    const file = path.join(scratch, `search-${count}.db`);
    migrateSqlite(file);
    prisma = createPrisma({ databaseUrl: `file:${file}`, databaseKind: "sqlite" });
  } else {
    const name = await createDatabase("cchc_bench");
    databases.push(name);
    await migratePostgres(databaseUrl(name));
    prisma = createPrisma({ databaseUrl: databaseUrl(name), databaseKind: "postgresql", databasePoolSize: 2 });
  }
  await fillArticles(prisma, count);
  await rebuildSearchIndex(prisma);
  console.log(`  ${kind}: ${count} articles generated and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return prisma;
}

async function benchSearch(count: number) {
  console.log(`\nSearch over ${count} generated articles (count + first page of ranked ids; medians of up to 25 runs):`);
  const sqlite = await prepared("sqlite", count);
  const postgres = await prepared("postgresql", count);
  const now = new Date();
  try {
    for (const query of QUERIES) {
      const { terms } = parseSearchQuery(query);
      const time = (prisma: PrismaClient) => median(() => findHits(prisma, now, terms, NO_FILTERS, 1), 25, performance.now() + 20_000);
      const [hitsS, hitsP] = [(await findHits(sqlite, now, terms, NO_FILTERS, 1)).total, (await findHits(postgres, now, terms, NO_FILTERS, 1)).total];
      const [s, p] = [await time(sqlite), await time(postgres)];
      const same = hitsS === hitsP ? "" : `  (hits differ: SQLite ${hitsS}, PostgreSQL ${hitsP})`;
      console.log(`  ${`"${query}"`.padEnd(28)} ${String(hitsS).padStart(6)} hits  SQLite ${s.toFixed(2).padStart(7)} ms  PostgreSQL ${p.toFixed(2).padStart(7)} ms  PG/SQLite ${(p / s).toFixed(2)}×${same}`);
    }
  } finally {
    await sqlite.$disconnect();
    await postgres.$disconnect();
  }
}

const UA = "Mozilla/5.0 (X11; Linux x86_64) bench";
const PAGES = [
  ["home", "/"],
  ["article", "/tin-tuc/thanh-pho-can-tho-phan-tich-chi-so-cai-cach-hanh-chinh-cap-tinh-nam-2016"],
  ["category", "/chuyen-muc/chi-so-cai-cach-hanh-chinh"],
  ["search", "/tim-kiem?q=c%E1%BA%A3i+c%C3%A1ch"],
] as const;

/** Requests per second over all the servers at once (32 connections shared out), returning readers. */
async function throughput(servers: ServerProcess[], pathname: string): Promise<number> {
  const runs = servers.map((s) =>
    autocannon({ url: s.base + pathname, connections: Math.round(32 / servers.length), duration: seconds, headers: { "user-agent": UA, cookie: "cchc_visit=1" } }),
  );
  const results = await Promise.all(runs);
  return results.reduce((sum, r) => sum + r.requests.average, 0);
}

async function benchPages() {
  console.log(`\nPage throughput, ${seconds} s each, 32 connections in all, returning readers, production mode (one run):`);
  const env = { NODE_ENV: "production", BCRYPT_COST: "12" };
  const files = (name: string) => ({ dbFile: path.join(scratch, `${name}.db`), uploadDir: path.join(scratch, `${name}-uploads`) });
  const sqlite = await startServer(files("pages"), env);
  const name = await createDatabase("cchc_bench");
  databases.push(name);
  const pg = { ...env, DATABASE_URL: databaseUrl(name) };
  const first = await startServer(files("pg-a"), pg);
  const second = await startServer(files("pg-b"), pg);
  try {
    for (const [label, pathname] of PAGES) {
      const s = await throughput([sqlite], pathname);
      const one = await throughput([first], pathname);
      const two = await throughput([first, second], pathname);
      console.log(
        `  ${label.padEnd(9)} SQLite ${s.toFixed(0).padStart(6)} req/s  PostgreSQL ×1 ${one.toFixed(0).padStart(6)} (${(one / s).toFixed(2)}×)  PostgreSQL ×2 ${two.toFixed(0).padStart(6)} (${(two / s).toFixed(2)}×)`,
      );
    }
  } finally {
    for (const server of [sqlite, first, second]) {
      server.process.kill("SIGTERM");
      await server.exited;
    }
  }
}

try {
  if (!values["no-pages"]) await benchPages();
  for (const count of sizes) await benchSearch(count);
} finally {
  for (const name of databases) await dropDatabase(name);
  fs.rmSync(scratch, { recursive: true, force: true });
}
