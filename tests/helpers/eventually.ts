/**
 * Retries `read` until `accept` holds or `timeoutMs` passes, then returns the last value: for what the
 * app stores or shows a moment later on purpose (visit and view counts are batched every second).
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
