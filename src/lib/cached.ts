/**
 * Keeps a value read on every page (settings, navigation, the home page) in memory. Writes on this
 * instance call invalidate(); the TTL bounds how stale another instance's copy can be, and `until`
 * lets a value expire exactly when it changes by itself (a scheduled article going live).
 */
export interface Cached<T> {
  get(): Promise<T>;
  invalidate(): void;
}

export interface CacheOptions<T> {
  ttlMs: number;
  now: () => number;
  until?: (value: T) => number | null;
}

export function cached<T>(load: () => Promise<T>, options: CacheOptions<T>): Cached<T> {
  let value: Promise<T> | null = null;
  let expiresAt = 0;
  return {
    get() {
      const now = options.now();
      if (!value || now >= expiresAt) {
        expiresAt = now + options.ttlMs;
        const pending = load();
        value = pending;
        pending.then(
          (v) => {
            const until = options.until?.(v);
            if (until != null && until < expiresAt) expiresAt = until;
          },
          () => {
            if (value === pending) value = null;
          },
        );
      }
      return value;
    },
    invalidate() {
      value = null;
    },
  };
}
