// npm run db:pg-schema
// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma, the source of truth: Prisma cannot
// switch providers at run time, so PostgreSQL has its own schema file and generated client
// (src/generated/prisma-pg). tests/unit/postgres-schema.test.ts fails when the two drift apart.
import fs from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgresql", "schema.prisma");

const HEADER = `// Generated from prisma/schema.prisma by \`npm run db:pg-schema\`: edit that file, not this one.`;

/** The PostgreSQL schema for a SQLite schema: same models, another provider and client folder. */
export function postgresSchemaFrom(sqlite: string): string {
  const body = sqlite
    .replace(/^\/\/ The SQLite schema is the source of truth.*\n/m, "")
    .replace(/output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output       = "../../src/generated/prisma-pg"')
    .replace(/datasource db \{[^}]*\}/, 'datasource db {\n  provider = "postgresql"\n  url      = "postgresql://localhost/unused"\n}');
  if (body === sqlite) throw new Error("prisma/schema.prisma has an unexpected shape: generator or datasource not found");
  return `${HEADER}\n${body}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
  console.log(`Đã viết ${POSTGRES_SCHEMA}`);
}
