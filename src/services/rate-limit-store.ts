import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import type { PrismaClient } from "../db.js";
import type { Clock } from "../lib/vi-time.js";

/**
 * express-rate-limit's counters in our database instead of process memory, so a limit holds across
 * restarts and across several instances. One atomic upsert per hit: a fixed window per key that
 * starts again once its reset time has passed.
 */
export class PrismaRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const id = this.prefix + key;
    const now = BigInt(this.clock().getTime());
    const reset = now + BigInt(this.windowMs);
    const [row] = await this.prisma.$queryRaw<{ hits: number | bigint; resetAtMs: number | bigint }[]>`
      INSERT INTO "RateLimitHit" ("key", "hits", "resetAtMs") VALUES (${id}, 1, ${reset})
      ON CONFLICT ("key") DO UPDATE SET
        "hits" = CASE WHEN "RateLimitHit"."resetAtMs" <= ${now} THEN 1 ELSE "RateLimitHit"."hits" + 1 END,
        "resetAtMs" = CASE WHEN "RateLimitHit"."resetAtMs" <= ${now} THEN ${reset} ELSE "RateLimitHit"."resetAtMs" END
      RETURNING "hits", "resetAtMs"`;
    return { totalHits: Number(row!.hits), resetTime: new Date(Number(row!.resetAtMs)) };
  }

  async decrement(key: string): Promise<void> {
    await this.prisma.$executeRaw`UPDATE "RateLimitHit" SET "hits" = "hits" - 1 WHERE "key" = ${this.prefix + key} AND "hits" > 0`;
  }

  async resetKey(key: string): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM "RateLimitHit" WHERE "key" = ${this.prefix + key}`;
  }
}
