import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateSqlite } from "../../src/db/migrate.js";

// The shape of every table Prisma knows (the FTS5 search tables are ours, outside the schema).
function shape(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[])
      .filter((t) => !t.startsWith("ArticleSearch") && !t.startsWith("_prisma") && !t.startsWith("sqlite_"))
      .sort();
    return Object.fromEntries(
      tables.map((t) => {
        const columns = (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[])
          .map((c) => `${c.name} ${c.type} notnull=${c.notnull} default=${String(c.dflt_value)} pk=${c.pk}`)
          .sort();
        const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).pluck().all(t) as string[]).sort();
        return [t, { columns, indexes }];
      }),
    );
  } finally {
    db.close();
  }
}

describe("migrations", () => {
  it("build exactly the tables, columns and indexes that prisma/schema.prisma describes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-drift-"));
    const migrated = path.join(dir, "migrated.db");
    const fromSchema = path.join(dir, "schema.db");
    migrateSqlite(migrated);
    const sql = execFileSync("npx", ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const db = new Database(fromSchema);
    db.exec(sql);
    db.close();
    expect(shape(migrated)).toEqual(shape(fromSchema));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
