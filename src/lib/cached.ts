/**
 * Keeps a value read on every page (settings, navigation) in memory. Writes on this instance
 * call invalidate(); the TTL bounds how stale another instance's copy can be.
 */
export interface Cached<T> {
  get(): Promise<T>;
  invalidate(): void;
}

export function cached<T>(load: () => Promise<T>, ttlMs: number): Cached<T> {
  let value: Promise<T> | null = null;
  let loadedAt = 0;
  return {
    get() {
      if (!value || Date.now() - loadedAt > ttlMs) {
        loadedAt = Date.now();
        const pending = load();
        value = pending;
        pending.catch(() => {
          if (value === pending) value = null;
        });
      }
      return value;
    },
    invalidate() {
      value = null;
    },
  };
}
