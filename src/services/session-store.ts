import session from "express-session";
import type { PrismaClient } from "../db.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * express-session's store in our database: sessions survive restarts and are shared by
 * every instance. Expired rows are ignored on read and pruned now and then.
 */
export class PrismaSessionStore extends session.Store {
  private lastPrune = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  private expiry(data: session.SessionData): Date {
    const maxAge = data.cookie?.maxAge ?? DAY_MS;
    return new Date(this.now() + maxAge);
  }

  private async prune(): Promise<void> {
    if (this.now() - this.lastPrune < 10 * 60 * 1000) return;
    this.lastPrune = this.now();
    await this.prisma.session.deleteMany({ where: { expiresAt: { lt: new Date(this.now()) } } });
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.prisma.session
      .findUnique({ where: { sid } })
      .then((row) => {
        if (!row || row.expiresAt.getTime() <= this.now()) return callback(null, null);
        callback(null, JSON.parse(row.data) as session.SessionData);
      })
      .catch(callback);
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    const row = { data: JSON.stringify(data), expiresAt: this.expiry(data), userId: data.userId ?? null };
    this.prisma.session
      .upsert({ where: { sid }, create: { sid, ...row }, update: row })
      .then(() => this.prune())
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    this.prisma.session
      .updateMany({ where: { sid }, data: { expiresAt: this.expiry(data) } })
      .then(() => callback?.())
      .catch(() => callback?.());
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.prisma.session
      .deleteMany({ where: { sid } })
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  /** Ends every session of one user (password reset, account disabled). */
  async destroyUserSessions(userId: number): Promise<void> {
    await this.prisma.session.deleteMany({ where: { userId } });
  }
}
