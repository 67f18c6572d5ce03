import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type Prisma } from "./generated/prisma/client.js";
import type { Config } from "./config.js";
import { oneAtATime } from "./db/one-connection.js";

export type { PrismaClient };
/** The client or an interactive transaction's client: a helper that takes it joins its caller's transaction. */
export type Db = Prisma.TransactionClient;

/** The Prisma client for the configured database, through a driver adapter (no Rust engine). */
export function createPrisma(config: Pick<Config, "databaseUrl" | "databaseKind">): PrismaClient {
  if (config.databaseKind !== "sqlite") {
    throw new Error("PostgreSQL chưa được hỗ trợ trong phiên bản này; hãy dùng DATABASE_URL=file:...");
  }
  const adapter = oneAtATime(new PrismaBetterSQLite3({ url: config.databaseUrl }));
  return new PrismaClient({ adapter });
}
