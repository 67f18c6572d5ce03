import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// better-sqlite3 gives Prisma one connection. The adapter makes transactions wait for each other,
// but not the queries outside them: a page view's visit count or a session save that runs while a
// transaction is open lands inside it, reads its unfinished rows, and disappears with it when it
// rolls back. This wrapper makes every query outside a transaction wait its turn too, so a
// transaction sees nothing of the others and takes nothing of theirs with it.

type Factory = Pick<PrismaBetterSQLite3, "provider" | "adapterName" | "connect" | "connectToShadowDb">;
type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** One holder at a time, served in arrival order; acquire() resolves to the release function. */
function createLock() {
  let tail: Promise<void> = Promise.resolve();
  return async function acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = tail;
    tail = previous.then(() => held);
    await previous;
    let released = false;
    return () => {
      if (!released) (released = true), release();
    };
  };
}

function serialize(adapter: Adapter): Adapter {
  const acquire = createLock();
  async function alone<T>(work: () => Promise<T>): Promise<T> {
    const release = await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
  // The transaction's own queries go straight to it: it holds the connection until commit or rollback.
  const holding = (tx: Transaction, release: () => void): Transaction => ({
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: (query) => tx.executeRaw(query),
    commit: () => tx.commit().finally(release),
    rollback: () => tx.rollback().finally(release),
  });
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => alone(() => adapter.queryRaw(query)),
    executeRaw: (query) => alone(() => adapter.executeRaw(query)),
    executeScript: (script) => alone(() => adapter.executeScript(script)),
    startTransaction: async (isolationLevel) => {
      const release = await acquire();
      try {
        return holding(await adapter.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    dispose: () => alone(() => adapter.dispose()),
  };
}

/** The same adapter factory, with each connection's queries and transactions taking turns. */
export function oneAtATime(factory: PrismaBetterSQLite3): Factory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialize(await factory.connect()),
    connectToShadowDb: async () => serialize(await factory.connectToShadowDb()),
  };
}
