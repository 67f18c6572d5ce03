import crypto from "node:crypto";
import pg from "pg";
import type { Config } from "../config.js";
import type { PrismaClient } from "../db.js";
import type { Logger } from "../logger.js";

/**
 * "Something visitors see has changed": published after a write commits, heard by every cache on
 * every instance. One process on SQLite tells only itself; on PostgreSQL every instance hears it
 * through LISTEN/NOTIFY within milliseconds, and one whose listening connection drops forgets its
 * caches when it reconnects (it may have missed a change meanwhile).
 */
export interface ContentChanges {
  /** Resolves once the other instances have been told (their caches clear on arrival). */
  publish(): Promise<void>;
  subscribe(listener: () => void): void;
  close(): Promise<void>;
}

const CHANNEL = "cchc_content_changed";
const RECONNECT_MS = 1000;

function listeners() {
  const all: (() => void)[] = [];
  return { add: (l: () => void) => void all.push(l), fire: () => all.forEach((l) => l()) };
}

export function createContentChanges(
  config: Pick<Config, "databaseKind" | "databaseUrl">,
  prisma: PrismaClient,
  logger: Logger,
): ContentChanges {
  const local = listeners();
  if (config.databaseKind !== "postgresql") {
    return { publish: async () => local.fire(), subscribe: local.add, close: async () => {} };
  }
  // The payload names the sender, which has already cleared its own caches.
  const instance = crypto.randomBytes(8).toString("hex");
  let client: pg.Client | null = null;
  let closed = false;
  let connecting: Promise<void> | null = null;
  // Our own announcements come back on our listening connection at the moment PostgreSQL hands them
  // to every other instance's; publish() waits for that echo (at most a second), so by the time the
  // writer's answer leaves, the other instances have the news too.
  const echoes = new Map<string, () => void>();
  let sent = 0;

  const connect = (): Promise<void> =>
    (connecting ??= (async () => {
      const next = new pg.Client({ connectionString: config.databaseUrl });
      next.on("notification", (message) => {
        const [sender, id] = (message.payload ?? "").split(":");
        if (sender === instance) echoes.get(id ?? "")?.();
        else local.fire();
      });
      next.on("error", (err) => {
        if (closed) return;
        logger.warn({ err }, "content-change listener lost its connection; reconnecting");
        client = null;
        void next.end().catch(() => {});
        setTimeout(() => void connect().then(local.fire, () => {}), RECONNECT_MS).unref();
      });
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      client = next;
    })().finally(() => (connecting = null)));

  const ready = connect().catch((err) => logger.error({ err }, "content-change listener could not connect"));
  return {
    async publish() {
      local.fire();
      // Through the query pool, not the listening connection, so a change made while that one
      // reconnects is still announced.
      const id = String((sent += 1));
      const echoed = new Promise<void>((resolve) => {
        echoes.set(id, resolve);
        setTimeout(resolve, 1000).unref();
      });
      await prisma.$executeRaw`SELECT pg_notify(${CHANNEL}, ${`${instance}:${id}`})`.then(
        () => echoed,
        (err: unknown) => logger.error({ err }, "content change not announced to the other instances"),
      );
      echoes.delete(id);
    },
    subscribe: local.add,
    async close() {
      closed = true;
      await ready;
      await client?.end().catch(() => {});
    },
  };
}
