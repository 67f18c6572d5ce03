import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// What a bench run leaves behind: child processes (app, bare server, demo:generate) and one scratch
// folder. Both go on a normal exit, on an error, and on Ctrl-C or SIGTERM.

const children = new Set<ChildProcess>();
const folders = new Set<string>();

/** Kills the child with the run if it is still alive then. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** A new temporary folder, removed when the run ends. */
export function scratchDir(prefix: string): string {
  return removeAtExit(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Removes the path when the run ends, if it is still there then. */
export function removeAtExit(dir: string): string {
  folders.add(dir);
  return dir;
}

function cleanUp() {
  for (const child of children) child.kill("SIGTERM");
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  folders.clear();
}

process.once("exit", cleanUp);
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the processes and removing the scratch folder`);
    process.exit(code); // runs cleanUp through the exit handler
  });
}
