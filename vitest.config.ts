import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["tests/helpers/global-setup.ts"],
    include: ["tests/**/*.test.ts"],
    // tests/postgres needs a PostgreSQL server: it runs in the second pass of npm test
    // (TEST_DATABASE=postgresql, see scripts/test-postgres.mjs) together with the HTTP suite.
    exclude: process.env.TEST_DATABASE === "postgresql" ? ["**/node_modules/**"] : ["**/node_modules/**", "tests/postgres/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    env: { TZ: "America/New_York" },
  },
});
