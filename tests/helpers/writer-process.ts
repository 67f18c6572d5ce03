import { spawn } from "node:child_process";

/**
 * A script in its own process that keeps committing rows and prints the running count, one number a
 * line: backups taken meanwhile must be one consistent snapshot.
 */
export function startWriter(script: string, args: string[]) {
  const child = spawn(process.execPath, [script, ...args]);
  let committed = 0;
  let partialLine = "";
  child.stdout.on("data", (chunk: Buffer) => {
    const lines = (partialLine + String(chunk)).split("\n");
    partialLine = lines.pop()!;
    if (lines.length) committed = Number(lines.at(-1));
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  return {
    committed: () => committed,
    async until(rows: number) {
      while (committed < rows) await new Promise((r) => setTimeout(r, 20));
    },
    async stop() {
      child.kill();
      await exited;
    },
  };
}
