// Work an app must finish before its process exits, after the last request has been answered:
// writes it holds in memory (a visit counter that batches its increments, say) are flushed here,
// while the database is still open. createApp registers them; server.ts runs them on SIGTERM/SIGINT.

export type ShutdownHook = () => Promise<void> | void;

const hooksByApp = new WeakMap<object, { name: string; run: ShutdownHook }[]>();

/** Registers work to run at shutdown, in the order registered. */
export function onShutdown(app: object, name: string, run: ShutdownHook): void {
  const hooks = hooksByApp.get(app) ?? [];
  hooks.push({ name, run });
  hooksByApp.set(app, hooks);
}

/**
 * Runs an app's shutdown work; a hook that fails is reported and the others still run.
 * Returns the names of the hooks that failed.
 */
export async function runShutdownHooks(app: object, report: (name: string, error: unknown) => void): Promise<string[]> {
  const failed: string[] = [];
  for (const { name, run } of hooksByApp.get(app) ?? []) {
    try {
      await run();
    } catch (error) {
      report(name, error);
      failed.push(name);
    }
  }
  return failed;
}

// Work before the first request is served: what a killed process left to store (its journaled visit
// counts) reaches the database before anyone reads it. server.ts runs these before it listens.
const startupByApp = new WeakMap<object, ShutdownHook[]>();

export function onStartup(app: object, run: ShutdownHook): void {
  startupByApp.set(app, [...(startupByApp.get(app) ?? []), run]);
}

export async function runStartupHooks(app: object): Promise<void> {
  for (const run of startupByApp.get(app) ?? []) await run();
}
