// npm run db:migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the schema
// as last committed (git HEAD) and prisma/schema.prisma as it is now. `prisma migrate dev` cannot
// be used here (it needs a shadow database the JavaScript engine does not provide); the test
// tests/unit/migrations-drift.test.ts checks that the migrations and the schema agree.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const name = (process.argv[2] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
if (!name) {
  console.error("Cách dùng: npm run db:migration -- ten_thay_doi");
  process.exit(2);
}
const previous = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cchc-schema-")), "schema.prisma");
fs.writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (!/\b(CREATE|ALTER|DROP|INSERT)\b/.test(sql)) {
  console.log("Không có thay đổi nào so với schema đã commit.");
  process.exit(0);
}
// Migrations apply in name order: never name a new one before the last existing one.
const last = fs.readdirSync(path.join("prisma", "migrations")).filter((d) => /^\d{14}_/.test(d)).sort().pop()?.slice(0, 14) ?? "0";
const now = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const stamp = now > last ? now : String(BigInt(last) + 1n);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
// Prisma does not know the FTS5 search tables; a diff must never drop them.
const kept = sql.split("\n").filter((line) => !/ArticleSearch/.test(line)).join("\n");
fs.writeFileSync(path.join(dir, "migration.sql"), kept);
console.log(`Đã tạo ${dir}/migration.sql: hãy đọc lại trước khi commit.`);
