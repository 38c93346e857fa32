import type { VerifiedIdentity } from './token-verifier';

// Tokens whose signature and claims were checked, remembered until they expire: a sidebar sends the same token
// with every request for its lifetime, and checking a signature costs more than the rest of a light request.
// Only verified tokens enter (a refused one is checked again every time), keyed by the whole token, so a token
// differing by one character is never taken for a remembered one. Bounded: the oldest is forgotten first.

interface Remembered {
  identity: VerifiedIdentity;
  /** Seconds since the epoch after which the token is refused again (its exp plus the clock tolerance). */
  until: number;
}

/** At most this long (ms) without checking again, so a key withdrawn by its provider stops working soon. */
export const VERIFIED_TOKEN_MAX_AGE_MS = 5 * 60_000;
const MAX_TOKENS = 10_000;

export class VerifiedTokens {
  private readonly tokens = new Map<string, Remembered & { checkedAt: number }>();

  /** The identity of a remembered token still valid at `now`; undefined when it must be checked. */
  get(token: string, now: Date): VerifiedIdentity | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    const ms = now.getTime();
    if (ms / 1000 > entry.until || ms - entry.checkedAt > VERIFIED_TOKEN_MAX_AGE_MS || ms < entry.checkedAt) {
      this.tokens.delete(token);
      return undefined;
    }
    return entry.identity;
  }

  remember(token: string, identity: VerifiedIdentity, until: number, now: Date): void {
    if (this.tokens.size >= MAX_TOKENS) {
      const oldest = this.tokens.keys().next();
      if (!oldest.done) this.tokens.delete(oldest.value);
    }
    this.tokens.set(token, { identity, until, checkedAt: now.getTime() });
  }
}
