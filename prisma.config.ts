import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma's CLI runs here with the JavaScript engine and the better-sqlite3 adapter,
// so migrations work without downloading a native schema engine.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL ?? "file:./data/portal.db";
    // better-sqlite3 creates the file but not its folder; a fresh clone has no data/ yet.
    fs.mkdirSync(path.dirname(url.replace(/^file:/, "")), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
