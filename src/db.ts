import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client.js";
import { PrismaClient as PostgresPrismaClient } from "./generated/prisma-pg/client.js";
import type { Config } from "./config.js";
import { oneAtATime } from "./db/one-connection.js";

export type { PrismaClient };
/** The client or an interactive transaction's client: a helper that takes it joins its caller's transaction. */
export type Db = Prisma.TransactionClient;

export type DatabaseKind = "sqlite" | "postgresql";

// Each client carries the kind of database it talks to; an interactive transaction's client
// forwards it. The few modules whose SQL differs (the search backends) read it through
// databaseKindOf, so services never ask which database they run on.
const KIND = Symbol.for("cchc.databaseKind");

export function databaseKindOf(db: Db | PrismaClient): DatabaseKind {
  const kind = (db as unknown as Record<symbol, DatabaseKind | undefined>)[KIND];
  if (!kind) throw new Error("Prisma client not made by createPrisma: its database kind is unknown");
  return kind;
}

const tagged = (client: PrismaClient, kind: DatabaseKind): PrismaClient =>
  Object.defineProperty(client, KIND, { value: kind, enumerable: false });

/**
 * The Prisma client for the configured database, through a driver adapter (no Rust engine).
 * PostgreSQL has its own generated client (prisma/postgresql/schema.prisma, generated from the
 * SQLite schema): the same models and methods, so services see one PrismaClient type.
 */
export function createPrisma(config: Pick<Config, "databaseUrl" | "databaseKind"> & { databasePoolSize?: number }): PrismaClient {
  if (config.databaseKind === "postgresql") {
    const adapter = new PrismaPg({ connectionString: config.databaseUrl, max: config.databasePoolSize ?? 10 });
    return tagged(new PostgresPrismaClient({ adapter }) as unknown as PrismaClient, "postgresql");
  }
  const adapter = oneAtATime(new PrismaBetterSQLite3({ url: config.databaseUrl }));
  return tagged(new PrismaClient({ adapter }), "sqlite");
}
