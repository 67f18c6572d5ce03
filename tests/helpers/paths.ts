import path from "node:path";

// TEST_TMP_DIR lets runs that share a working tree at the same time keep apart (globalSetup empties it).
export const TMP_DIR = path.resolve(process.env.TEST_TMP_DIR ?? path.join(import.meta.dirname, "../.tmp"));
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");
export const TEMPLATE_UPLOADS = path.join(TMP_DIR, "template-uploads");
/** The name of the PostgreSQL template database of this run (TEST_DATABASE=postgresql). */
export const TEMPLATE_POSTGRES = path.join(TMP_DIR, "postgres-template");
