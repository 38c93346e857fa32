import { hashToken, randomToken } from './secret-token';
import type { OneTimeTokenStore } from './one-time-token-store';

/**
 * Jupyter-style sign-in links: `npm start` prints one, an admin can make more. The token is 32
 * random bytes; only its SHA-256 is stored; a link works once and expires (default 15 minutes).
 * The route that redeems it should answer with a redirect (dropping the token from the address
 * bar) and `Referrer-Policy: no-referrer`.
 */
export const DEFAULT_LINK_TTL_MS = 15 * 60 * 1000;
export const DEFAULT_LINK_PATH = '/auth/link';

export type LinkErrorCode = 'unknown' | 'used' | 'expired';

export class LinkError extends Error {
  override readonly name = 'LinkError';

  constructor(
    readonly code: LinkErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface OneTimeLinksOptions {
  store: OneTimeTokenStore;
  ttlMs?: number;
  /** The path of the redeeming route, appended to the base URL. */
  path?: string;
  now?: () => Date;
}

export class OneTimeLinks {
  private readonly store: OneTimeTokenStore;
  private readonly ttlMs: number;
  private readonly path: string;
  private readonly now: () => Date;

  constructor(options: OneTimeLinksOptions) {
    this.store = options.store;
    this.ttlMs = options.ttlMs ?? DEFAULT_LINK_TTL_MS;
    this.path = options.path ?? DEFAULT_LINK_PATH;
    this.now = options.now ?? (() => new Date());
  }

  /** Creates a link for `userId` under `baseUrl` (for example http://127.0.0.1:3000). */
  async createLink(baseUrl: string, userId: string): Promise<string> {
    const token = randomToken();
    const createdAt = this.now();
    await this.store.insert({
      tokenHash: hashToken(token),
      userId,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + this.ttlMs),
    });
    const url = new URL(this.path.replace(/^\/+/, ''), withTrailingSlash(baseUrl));
    url.searchParams.set('token', token);
    return url.toString();
  }

  /** Returns the user id the link was made for, and uses the link up. */
  async redeem(token: string): Promise<string> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
      throw new LinkError('unknown', 'this sign-in link is not valid');
    }
    const tokenHash = hashToken(token);
    const record = await this.store.find(tokenHash);
    if (!record) throw new LinkError('unknown', 'this sign-in link is not valid');
    if (record.usedAt) throw new LinkError('used', 'this sign-in link was already used');
    const now = this.now();
    if (now.getTime() >= record.expiresAt.getTime()) {
      throw new LinkError('expired', 'this sign-in link has expired; ask for a new one');
    }
    if (!(await this.store.markUsed(tokenHash, now))) {
      throw new LinkError('used', 'this sign-in link was already used');
    }
    return record.userId;
  }
}

/** Keeps a base URL's own path (a server behind a prefix) when the link path is appended. */
function withTrailingSlash(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}
