// npm run db:migration -- <name>
// After editing prisma/schema.prisma: regenerates prisma/postgresql/schema.prisma, then writes the
// next migration of BOTH databases (prisma/migrations/<stamp>_<name> and
// prisma/postgresql/migrations/<stamp>_<name>) from the difference between each schema as last
// committed (git HEAD) and as it is now. `prisma migrate dev` cannot be used here (it needs a shadow
// database the JavaScript engine does not provide); tests/unit/migrations-drift.test.ts and
// tests/postgres/schema-drift.test.ts check that migrations and schemas agree.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { POSTGRES_SCHEMA, postgresSchemaFrom, SQLITE_SCHEMA } from "./postgres-schema.js";

const name = (process.argv[2] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
if (!name) {
  console.error("Cách dùng: npm run db:migration -- ten_thay_doi");
  process.exit(2);
}
fs.writeFileSync(POSTGRES_SCHEMA, postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8")));

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-schema-"));

/** The SQL from the committed schema to the current one ("" when they agree). */
function diffAgainstHead(schema: string, committed: string): string {
  const previous = path.join(scratch, `${path.basename(path.dirname(schema))}-schema.prisma`);
  fs.writeFileSync(previous, committed);
  const sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", schema, "--script"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  return /\b(CREATE|ALTER|DROP|INSERT)\b/.test(sql) ? sql : "";
}

const headOf = (file: string) => execFileSync("git", ["show", `HEAD:${file}`], { encoding: "utf8" });
const sqliteSql = diffAgainstHead(SQLITE_SCHEMA, headOf(SQLITE_SCHEMA));
// The PostgreSQL schema of HEAD is the one generated from HEAD's SQLite schema.
const postgresSql = diffAgainstHead(POSTGRES_SCHEMA, postgresSchemaFrom(headOf(SQLITE_SCHEMA)));
if (!sqliteSql) {
  console.log("Không có thay đổi nào so với schema đã commit.");
  process.exit(0);
}

// Migrations apply in name order: never name a new one before the last existing one.
const folders = [path.join("prisma", "migrations"), path.join("prisma", "postgresql", "migrations")];
const last = folders
  .flatMap((f) => fs.readdirSync(f))
  .filter((d) => /^\d{14}_/.test(d))
  .sort()
  .pop()
  ?.slice(0, 14) ?? "0";
const now = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const stamp = now > last ? now : String(BigInt(last) + 1n);
for (const [folder, sql] of [
  [folders[0]!, sqliteSql],
  [folders[1]!, postgresSql],
] as const) {
  const dir = path.join(folder, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  // Prisma does not know the search tables (FTS5 on SQLite, tsvector on PostgreSQL): never drop them.
  const kept = sql.split("\n").filter((line) => !/ArticleSearch/.test(line)).join("\n");
  fs.writeFileSync(path.join(dir, "migration.sql"), kept);
  console.log(`Đã tạo ${dir}/migration.sql: hãy đọc lại trước khi commit.`);
}
