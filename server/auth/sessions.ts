import { csrfTokenFor } from './csrf';
import { hashToken, randomToken } from './secret-token';
import type { SessionStore } from './session-store';

/**
 * Dashboard sessions after sign-in. The session id (the cookie value) is 32 random bytes and
 * only its hash is stored. Expiry slides with use (idle timeout) but never past an absolute
 * lifetime, so a stolen cookie does not live forever.
 */
export const DEFAULT_IDLE_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_ABSOLUTE_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** Store writes for sliding expiry happen at most this often per session. */
export const DEFAULT_TOUCH_INTERVAL_MS = 60 * 1000;

export interface SessionsOptions {
  store: SessionStore;
  idleTtlMs?: number;
  absoluteTtlMs?: number;
  touchIntervalMs?: number;
  now?: () => Date;
}

export interface ActiveSession {
  userId: string;
  /** Send back in the X-CSRF-Token header on state-changing requests. */
  csrfToken: string;
  expiresAt: Date;
  /** For the cookie's Max-Age: the session can never outlive this. */
  absoluteExpiresAt: Date;
}

export interface NewSession extends ActiveSession {
  /** The cookie value; shown once, never stored. */
  sessionId: string;
}

export class Sessions {
  private readonly store: SessionStore;
  private readonly idleTtlMs: number;
  private readonly absoluteTtlMs: number;
  private readonly touchIntervalMs: number;
  private readonly now: () => Date;

  constructor(options: SessionsOptions) {
    this.store = options.store;
    this.idleTtlMs = options.idleTtlMs ?? DEFAULT_IDLE_TTL_MS;
    this.absoluteTtlMs = options.absoluteTtlMs ?? DEFAULT_ABSOLUTE_TTL_MS;
    this.touchIntervalMs = options.touchIntervalMs ?? DEFAULT_TOUCH_INTERVAL_MS;
    this.now = options.now ?? (() => new Date());
  }

  async create(userId: string): Promise<NewSession> {
    const sessionId = randomToken();
    const now = this.now();
    const absoluteExpiresAt = new Date(now.getTime() + this.absoluteTtlMs);
    const expiresAt = this.slidingExpiry(now, absoluteExpiresAt);
    await this.store.insert({
      idHash: hashToken(sessionId),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    return { sessionId, userId, csrfToken: csrfTokenFor(sessionId), expiresAt, absoluteExpiresAt };
  }

  /** The session behind a cookie value, its expiry slid forward; undefined when none or expired. */
  async validate(sessionId: string | undefined): Promise<ActiveSession | undefined> {
    if (sessionId === undefined || !/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return undefined;
    const idHash = hashToken(sessionId);
    const record = await this.store.find(idHash);
    if (!record) return undefined;
    const now = this.now();
    if (now.getTime() >= record.expiresAt.getTime()) {
      await this.store.delete(idHash);
      return undefined;
    }
    const absoluteExpiresAt = new Date(record.createdAt.getTime() + this.absoluteTtlMs);
    let expiresAt = record.expiresAt;
    if (now.getTime() - record.lastSeenAt.getTime() >= this.touchIntervalMs) {
      expiresAt = this.slidingExpiry(now, absoluteExpiresAt);
      await this.store.touch(idHash, now, expiresAt);
    }
    return { userId: record.userId, csrfToken: csrfTokenFor(sessionId), expiresAt, absoluteExpiresAt };
  }

  /** Signs this browser out. */
  async revoke(sessionId: string): Promise<void> {
    await this.store.delete(hashToken(sessionId));
  }

  /** Signs a user out everywhere. */
  async revokeAllForUser(userId: string): Promise<number> {
    return this.store.deleteForUser(userId);
  }

  private slidingExpiry(now: Date, absoluteExpiresAt: Date): Date {
    return new Date(Math.min(now.getTime() + this.idleTtlMs, absoluteExpiresAt.getTime()));
  }
}
