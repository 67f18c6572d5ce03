import fs from "node:fs";
import { migrateSqlite } from "../../src/db/migrate.js";
import { createPrisma } from "../../src/db.js";
import { seedDemo } from "../../prisma/seed.js";
import { TEMPLATE_DB, TEMPLATE_UPLOADS, TMP_DIR } from "./paths.js";

// Migrates and seeds one template database once; every test file copies it (Ghost's db-template).
export default async function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEMPLATE_UPLOADS, { recursive: true });
  migrateSqlite(TEMPLATE_DB);
  const prisma = createPrisma({ databaseUrl: `file:${TEMPLATE_DB}`, databaseKind: "sqlite" });
  await seedDemo(prisma, { uploadDir: TEMPLATE_UPLOADS, maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 });
  await prisma.$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  await prisma.$disconnect();
}
