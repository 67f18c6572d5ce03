import fs from "node:fs";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const EXIT_CODES: Record<(typeof SIGNALS)[number], number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

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
      remove();
      process.stderr.write(`Đã dừng (${signal}); các tệp tạm đã được xoá.\n`);
      process.exit(EXIT_CODES[signal]);
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
