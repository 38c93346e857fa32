// One refresh at a time per organisation. Since Summer '24 Salesforce refuses a refresh-token request while
// another one with the same refresh token is processed (`invalid_grant`, "token request is already being
// processed"; "expired authorization code" before Winter '25), and an org may rotate refresh tokens (each answer
// carries a new one and the old one dies; reusing it revokes the consent). So the processes of one deployment
// take a lease on the refresh, the others wait and reuse the access token it stored, a rotated refresh token is
// stored at once, and a collision with someone outside the lease is retried after a short back-off.
import type { TokenResponse } from 'jsforce/lib/oauth2';
import { SalesforceConsentRevokedError, SalesforceRequestError } from './salesforce-errors';

export interface SharedTokens {
  /** Undefined until a refresh stored one. */
  accessToken?: string;
  refreshToken: string;
  instanceUrl?: string;
}

/** Where the tokens live between processes: the database in the server, memory otherwise. */
export interface TokenStore {
  /** The tokens now; undefined when the connection is gone. */
  read(): Promise<SharedTokens | undefined>;
  /** Takes the refresh lease for `ms` unless another holder has an unexpired one; true when taken. */
  claim(holder: string, ms: number): Promise<boolean>;
  /**
   * Stores fresh tokens and gives the lease back. `basis` is the refresh token they came from: nothing is
   * stored when another one is stored by now (the admin connected again meanwhile).
   */
  save(holder: string, tokens: SharedTokens, basis: string): Promise<void>;
  release(holder: string): Promise<void>;
}

/** One process's store: the lease only orders the connections that share it. */
export class MemoryTokenStore implements TokenStore {
  private lease?: { holder: string; until: number };
  constructor(private tokens: SharedTokens) {}

  read(): Promise<SharedTokens | undefined> {
    return Promise.resolve({ ...this.tokens });
  }
  claim(holder: string, ms: number): Promise<boolean> {
    const now = Date.now();
    if (this.lease && this.lease.holder !== holder && this.lease.until > now) return Promise.resolve(false);
    this.lease = { holder, until: now + ms };
    return Promise.resolve(true);
  }
  save(holder: string, tokens: SharedTokens, basis: string): Promise<void> {
    if (this.tokens.refreshToken === basis) this.tokens = { ...tokens };
    return this.release(holder);
  }
  release(holder: string): Promise<void> {
    if (this.lease?.holder === holder) this.lease = undefined;
    return Promise.resolve();
  }
}

/** Salesforce's answers to a refresh that collided with another request for the same refresh token. */
const COLLISIONS = new Set(['token request is already being processed', 'expired authorization code']);

export function isRefreshCollision(e: unknown): boolean {
  const err = e as { name?: unknown; message?: unknown } | null;
  return err?.name === 'invalid_grant' && typeof err.message === 'string' && COLLISIONS.has(err.message);
}

export interface RefreshPlan {
  store: TokenStore;
  holder: string;
  /** The access token Salesforce refused (undefined when there was none). */
  stale: string | undefined;
  /** The refresh-token grant. */
  grant: (refreshToken: string) => Promise<TokenResponse>;
  /** Back-off between collision retries (injectable in tests). */
  sleep: (ms: number) => Promise<void>;
  /** How long a waiting process looks again (real time). */
  pollMs?: number;
  /** How long the lease holds (default 30 s): past it, a crashed holder's lease is taken over. */
  leaseMs?: number;
  /** Collision retries by the lease holder (default 5, back-off from 250 ms doubling). */
  collisionRetries?: number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A working access token: the one another process stored since `stale` was refused, else a new one fetched
 * under the lease. Throws SalesforceConsentRevokedError only when Salesforce refused the refresh token that is
 * still the stored one for another reason than a collision.
 */
export async function refreshShared(plan: RefreshPlan): Promise<SharedTokens> {
  const leaseMs = plan.leaseMs ?? 30_000;
  const giveUpAt = Date.now() + 2 * leaseMs;
  for (;;) {
    const seen = await readTokens(plan.store);
    if (seen.accessToken && seen.accessToken !== plan.stale) return seen;
    if (await plan.store.claim(plan.holder, leaseMs)) {
      try {
        const current = await readTokens(plan.store);
        if (current.accessToken && current.accessToken !== plan.stale) return current;
        const fresh = await grantUnderLease(plan, current);
        if (fresh) return fresh;
        // The refresh token was replaced while it was refused (rotated elsewhere, or connected again): retry.
      } finally {
        await plan.store.release(plan.holder).catch(() => {});
      }
      continue;
    }
    if (Date.now() > giveUpAt)
      throw new SalesforceRequestError('REFRESH_BUSY', 'another process is refreshing the session', true);
    await pause(plan.pollMs ?? 200);
  }
}

async function readTokens(store: TokenStore): Promise<SharedTokens> {
  const tokens = await store.read();
  if (!tokens) throw new SalesforceConsentRevokedError('Salesforce was disconnected');
  return tokens;
}

async function grantUnderLease(plan: RefreshPlan, current: SharedTokens): Promise<SharedTokens | undefined> {
  const retries = plan.collisionRetries ?? 5;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await plan.grant(current.refreshToken);
      const tokens: SharedTokens = {
        accessToken: res.access_token,
        // With rotation the answer carries the next refresh token, and the one used no longer works.
        refreshToken: res.refresh_token ?? current.refreshToken,
        ...((res.instance_url ?? current.instanceUrl)
          ? { instanceUrl: res.instance_url ?? current.instanceUrl }
          : {}),
      };
      await plan.store.save(plan.holder, tokens, current.refreshToken);
      return tokens;
    } catch (e) {
      if (isRefreshCollision(e) && attempt < retries) {
        const ms = 250 * 2 ** attempt;
        await plan.sleep(Math.round(ms / 2 + (Math.random() * ms) / 2));
        continue;
      }
      if (isRefreshCollision(e))
        throw new SalesforceRequestError('REFRESH_COLLISION', (e as Error).message, true);
      const err = e as { name?: unknown; message?: unknown };
      if (err?.name !== 'invalid_grant') throw e;
      const now = await plan.store.read();
      if (now && now.refreshToken !== current.refreshToken) return undefined;
      throw new SalesforceConsentRevokedError(String(err.message));
    }
  }
}
