import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "../..");
// By file URL, so the CLI can run from another folder (restore stages files beside the database).
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real command line (`npm run cli -- …`) as a process of its own, on a site's database and files. */
export function runCli(site: { databaseUrl: string; uploadDir: string; cwd?: string }, args: string[], input = ""): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "src/cli.ts"), ...args], {
      cwd: site.cwd ?? ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: site.databaseUrl,
        UPLOAD_DIR: site.uploadDir,
        NODE_ENV: "test",
        SESSION_SECRET: "test-secret-test-secret-test-secret",
        BCRYPT_COST: "4",
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
