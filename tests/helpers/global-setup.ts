import fs from "node:fs";
import { migrateSqlite } from "../../src/db/migrate.js";
import { createPrisma } from "../../src/db.js";
import { seedDemo } from "../../prisma/seed.js";
import { migratePostgres } from "../../src/db/migrate-postgres.js";
import { TEMPLATE_DB, TEMPLATE_POSTGRES, TEMPLATE_UPLOADS, TMP_DIR } from "./paths.js";
import { createDatabase, databaseUrl, dropDatabase, dropLeftovers, onPostgres, postgresAvailable, POSTGRES_SERVER } from "./postgres.js";

const MEDIA = { uploadDir: TEMPLATE_UPLOADS, maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 };

// Migrates and seeds one template database once; every test file copies it (Ghost's db-template).
export default async function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEMPLATE_UPLOADS, { recursive: true });
  if (onPostgres) return setupPostgres();
  migrateSqlite(TEMPLATE_DB);
  const prisma = createPrisma({ databaseUrl: `file:${TEMPLATE_DB}`, databaseKind: "sqlite" });
  await seedDemo(prisma, MEDIA);
  await prisma.$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  await prisma.$disconnect();
}

async function setupPostgres() {
  if (!(await postgresAvailable())) throw new Error(`TEST_DATABASE=postgresql but no PostgreSQL server answers at ${POSTGRES_SERVER}`);
  await dropLeftovers("cchc_test");
  const name = await createDatabase("cchc_test_template");
  await migratePostgres(databaseUrl(name));
  const prisma = createPrisma({ databaseUrl: databaseUrl(name), databaseKind: "postgresql", databasePoolSize: 2 });
  await seedDemo(prisma, MEDIA);
  await prisma.$disconnect();
  fs.writeFileSync(TEMPLATE_POSTGRES, name);
  return async () => dropDatabase(name);
}
