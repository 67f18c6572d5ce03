import { databaseKindOf, type Db, type DatabaseKind } from "../../db.js";
import { postgresSearch } from "./postgres.js";
import { sqliteSearch } from "./sqlite.js";
import type { SearchBackend } from "./types.js";

export type { FoldedColumns, HitPage, IndexRow, SearchBackend, SearchFilters } from "./types.js";

const BACKENDS: Record<DatabaseKind, SearchBackend> = { sqlite: sqliteSearch, postgresql: postgresSearch };

/** The search SQL for the database this client talks to (chosen when the client was made). */
export const searchBackend = (db: Db): SearchBackend => BACKENDS[databaseKindOf(db)];
