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
    // Vitest's default on two cores is one worker, which leaves a core idle while a test waits on
    // Chromium, PostgreSQL or a child process; two halve the suite's wall time (TEST_WORKERS=1 for one).
    poolOptions: { forks: { maxForks: Number(process.env.TEST_WORKERS) || 2, minForks: 1 } },
    env: { TZ: "America/New_York" },
  },
});
