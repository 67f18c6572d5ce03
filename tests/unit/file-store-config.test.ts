import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("FILE_STORE and FILE_CACHE_DIR in the configuration", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-config-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const sqlite = { DATABASE_URL: "file:./data/portal.db", SESSION_SECRET: "x".repeat(32) };
  const postgres = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/cchc", SESSION_SECRET: "x".repeat(32) };

  it("defaults to the local folder on SQLite and to the database on PostgreSQL, with the cache under data/", () => {
    expect(loadConfig(sqlite, dir)).toMatchObject({ fileStore: "local", fileCacheDir: path.join(dir, "data", "file-cache") });
    expect(loadConfig(postgres, dir)).toMatchObject({ fileStore: "database", fileCacheDir: path.join(dir, "data", "file-cache") });
  });

  it("takes either store on either database, and a cache folder relative to the working folder", () => {
    expect(loadConfig({ ...sqlite, FILE_STORE: "database", FILE_CACHE_DIR: "cache" }, dir)).toMatchObject({ fileStore: "database", fileCacheDir: path.join(dir, "cache") });
    expect(loadConfig({ ...postgres, FILE_STORE: "local" }, dir).fileStore).toBe("local");
  });

  it("refuses any other store with the reason in Vietnamese", () => {
    expect(() => loadConfig({ ...sqlite, FILE_STORE: "s3" }, dir)).toThrow(/FILE_STORE: phải là local hoặc database/);
  });
});
