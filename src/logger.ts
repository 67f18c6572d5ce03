import pino from "pino";
import type { Config } from "./config.js";

export type Logger = pino.Logger;

/** JSON lines in production, quiet in tests, info elsewhere. */
export function createLogger(config: Pick<Config, "env">): Logger {
  const level = config.env === "test" ? "silent" : "info";
  return pino({ level, base: { app: "cchc-portal" } });
}
