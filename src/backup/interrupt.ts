import fs from "node:fs";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const EXIT_CODES: Record<(typeof SIGNALS)[number], number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
/** Set while a restore swaps its data in; a signal then waits (see withoutInterruption). */
let swapping = false;
let deferredStop: (() => void) | null = null;

/**
 * Runs `work`, removing `temporary` (staging folders, a .partial archive) when it ends, and also on
 * Ctrl-C or a service stop, which would otherwise leave database copies lying around. JavaScript
 * handles a signal only between synchronous steps, so the renames that swap a restore in are never
 * cut in half by it.
 */
export async function removingOnInterrupt<T>(temporary: string[], work: () => Promise<T>): Promise<T> {
  const remove = () => {
    for (const file of temporary) fs.rmSync(file, { recursive: true, force: true });
  };
  const handlers = SIGNALS.map((signal) => {
    const handler = () => {
      const stop = () => {
        remove();
        process.stderr.write(`Đã dừng (${signal}); các tệp tạm đã được xoá.\n`);
        process.exit(EXIT_CODES[signal]);
      };
      if (!swapping) return stop();
      deferredStop = stop;
      process.stderr.write(`Nhận ${signal} khi đang thay dữ liệu: sẽ dừng ngay khi việc thay xong hoặc được hoàn tác.\n`);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  try {
    return await work();
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    remove();
  }
}

/**
 * Runs the swap of a restore (uploads moved in, then the database installed, or both put back) to its
 * end: a signal meanwhile stops the command only afterwards. An asynchronous install (PostgreSQL's
 * transaction) would otherwise be cut after the uploads moved and before the database committed.
 * A second signal is not caught: it stops at once (the database transaction then rolls back).
 */
export async function withoutInterruption<T>(work: () => Promise<T>): Promise<T> {
  swapping = true;
  try {
    return await work();
  } finally {
    swapping = false;
    const stop = deferredStop;
    deferredStop = null;
    stop?.();
  }
}
