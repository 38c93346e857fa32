// One jsforce connection with Liaison's policy around it: transparent token refresh (and a typed error when
// consent is gone), bounded back-off on limits, locks, outages and timeouts, paging, chunked queries,
// sObject Collections in 200s, and the daily API budget read from every answer's Sforce-Limit-Info.
import type { Connection } from 'jsforce';
import { jsforce } from '../../runtime/heavy-modules';
import type { TokenResponse } from 'jsforce/lib/oauth2';
import type { Callback } from 'jsforce/lib/types';
import { randomUUID } from 'node:crypto';
import { classifyError, SalesforceConsentRevokedError, SalesforceRequestError } from './salesforce-errors';
import { chunkQueries } from './query-chunks';
import { MemoryTokenStore, refreshShared, type TokenStore } from './token-refresh';

export const API_VERSION = '62.0';
/** sObject Collections take at most 200 records per request. */
export const COLLECTION_SIZE = 200;

export interface SalesforceSession {
  loginUrl: string;
  instanceUrl: string;
  clientId: string;
  clientSecret?: string;
  redirectUri?: string;
  refreshToken: string;
  /** A still valid access token, if one is at hand; otherwise the first call refreshes. */
  accessToken?: string;
}

export interface RetryPolicy {
  /** Tries per request, the first included (default 6). */
  maxAttempts: number;
  /** First back-off (default 1 s), doubled each time up to `maxDelayMs` (default 60 s). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Client-side timeout of one request (default 120 s). */
  timeoutMs: number;
}

export interface SalesforceClientOptions {
  version?: string;
  retry?: Partial<RetryPolicy>;
  /** Injected in tests so back-off costs no time. */
  sleep?: (ms: number) => Promise<void>;
  /** Salesforce's limit for the request URI plus headers (default 16,384 bytes). */
  maxUriBytes?: number;
  /** Room kept for the path, the host and the headers (default 2,048 bytes). */
  uriReserveBytes?: number;
  /**
   * Called once when the refresh token is refused: the server marks the organisation Inactive. The refused
   * call fails only after it settles, so whoever sees the failure also sees the status.
   */
  onConsentRevoked?: (error: SalesforceConsentRevokedError) => void | Promise<void>;
  /** Called with each new access token (to keep it, sealed, across restarts if wanted). */
  onAccessToken?: (accessToken: string) => void;
  /**
   * Where the tokens are shared between the processes of one organisation (the server's database): one of them
   * refreshes at a time, the others reuse its access token. Default: this client alone.
   */
  tokenStore?: TokenStore;
  /** How often a process waiting for another's refresh looks again (default 200 ms). */
  refreshPollMs?: number;
}

export interface ApiUsage {
  used: number;
  max: number;
}

export interface SaveResult {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields?: string[] }[];
}

interface QueryPage<T> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: T[];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SalesforceClient {
  readonly conn: Connection;
  readonly version: string;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxEncodedSoql: number;
  private revoked?: SalesforceConsentRevokedError;
  private usage?: ApiUsage;
  private readonly tokens: TokenStore;
  /** This client's name on the refresh lease. */
  private readonly holder = `${process.pid}:${randomUUID()}`;

  constructor(
    session: SalesforceSession,
    private readonly options: SalesforceClientOptions = {},
  ) {
    this.version = options.version ?? API_VERSION;
    this.policy = {
      maxAttempts: 6,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      timeoutMs: 120_000,
      ...options.retry,
    };
    this.sleep = options.sleep ?? defaultSleep;
    this.tokens =
      options.tokenStore ??
      new MemoryTokenStore({
        refreshToken: session.refreshToken,
        ...(session.accessToken ? { accessToken: session.accessToken } : {}),
        instanceUrl: session.instanceUrl,
      });
    const base = `/services/data/v${this.version}/queryAll?q=`.length;
    this.maxEncodedSoql = (options.maxUriBytes ?? 16_384) - (options.uriReserveBytes ?? 2048) - base;
    this.conn = new (jsforce().Connection)({
      oauth2: {
        loginUrl: session.loginUrl,
        clientId: session.clientId,
        ...(session.clientSecret ? { clientSecret: session.clientSecret } : {}),
        ...(session.redirectUri ? { redirectUri: session.redirectUri } : {}),
      },
      instanceUrl: session.instanceUrl,
      ...(session.accessToken ? { accessToken: session.accessToken } : {}),
      refreshToken: session.refreshToken,
      version: this.version,
      refreshFn: (conn, callback) => void this.refresh(conn, callback),
    });
  }

  /** The daily API allowance as of the last answer (Sforce-Limit-Info), or undefined before any call. */
  apiUsage(): ApiUsage | undefined {
    return this.usage && { ...this.usage };
  }

  /** Set once the refresh token was refused; every later call fails with it without asking Salesforce. */
  consentRevoked(): SalesforceConsentRevokedError | undefined {
    return this.revoked;
  }

  /** Records of a SOQL statement, every page (`nextRecordsUrl`) followed. `all`: queryAll (recycle bin too). */
  async query<T>(soql: string, all = false): Promise<T[]> {
    const resource = all ? 'queryAll' : 'query';
    let page = await this.send<QueryPage<T>>(
      'GET',
      `/services/data/v${this.version}/${resource}?q=${encodeURIComponent(soql)}`,
    );
    const records = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
      page = await this.send<QueryPage<T>>('GET', page.nextRecordsUrl);
      records.push(...page.records);
    }
    return records;
  }

  /** One query per chunk of `values` that fits Salesforce's URI limit; the records of all of them. */
  async queryChunked<T, V>(values: readonly V[], build: (chunk: V[]) => string, all = false): Promise<T[]> {
    const out: T[] = [];
    for (const soql of chunkQueries(values, build, this.maxEncodedSoql))
      out.push(...(await this.query<T>(soql, all)));
    return out;
  }

  /** SOSL search. */
  async search<T>(sosl: string): Promise<T[]> {
    const res = await this.send<{ searchRecords?: T[] }>(
      'GET',
      `/services/data/v${this.version}/search?q=${encodeURIComponent(sosl)}`,
    );
    return res.searchRecords ?? [];
  }

  /**
   * Creates records through sObject Collections, 200 per request, `allOrNone: false`: one SaveResult per
   * record, in order. Limits and outages are retried; a timeout or dropped connection throws an ambiguous
   * SalesforceRequestError (the records may exist now): the caller reconciles before trying again.
   */
  async createMany(type: string, records: Record<string, unknown>[]): Promise<SaveResult[]> {
    const out: SaveResult[] = [];
    for (let i = 0; i < records.length; i += COLLECTION_SIZE) {
      const chunk = records.slice(i, i + COLLECTION_SIZE).map((r) => ({ attributes: { type }, ...r }));
      const res = await this.send<SaveResult[]>(
        'POST',
        `/services/data/v${this.version}/composite/sobjects`,
        { allOrNone: false, records: chunk },
        false,
      );
      out.push(...res.map((r) => ({ ...r, errors: r.errors ?? [] })));
    }
    return out;
  }

  /**
   * Updates records (each with its `Id`) through sObject Collections, 200 per request, `allOrNone: false`: one
   * SaveResult per record, in order. Setting the same values twice changes nothing, so a timeout is retried.
   */
  async updateMany(
    type: string,
    records: ({ Id: string } & Record<string, unknown>)[],
  ): Promise<SaveResult[]> {
    const out: SaveResult[] = [];
    for (let i = 0; i < records.length; i += COLLECTION_SIZE) {
      const chunk = records.slice(i, i + COLLECTION_SIZE).map((r) => ({ attributes: { type }, ...r }));
      const res = await this.send<SaveResult[]>(
        'PATCH',
        `/services/data/v${this.version}/composite/sobjects`,
        { allOrNone: false, records: chunk },
        true,
      );
      out.push(...res.map((r) => ({ ...r, errors: r.errors ?? [] })));
    }
    return out;
  }

  /** The back-off before attempt `n + 1` (n ≥ 1). */
  backoff(n: number): Promise<void> {
    const exp = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (n - 1));
    return this.sleep(Math.round(exp / 2 + (Math.random() * exp) / 2));
  }

  /** One REST call with the retry policy. `idempotent`: may be repeated after a timeout. */
  async send<T>(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: unknown,
    idempotent = method === 'GET',
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (this.revoked) throw this.revoked;
      try {
        const res = await this.conn.request<T>(
          {
            method,
            url,
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            headers: body === undefined ? {} : { 'content-type': 'application/json' },
          },
          // jsforce's own retries (GET only, fixed real-time sleeps) are off: this loop is the one policy.
          { timeout: this.policy.timeoutMs, retry: { maxRetries: 0 } },
        );
        this.readUsage();
        return res;
      } catch (e) {
        this.readUsage();
        if (this.revoked) throw this.revoked;
        const kind = classifyError(e);
        const ambiguous = kind.ambiguous && !idempotent;
        if (
          !kind.transient ||
          ambiguous ||
          attempt >= this.policy.maxAttempts ||
          this.dailyBudgetSpent(kind.code)
        ) {
          throw new SalesforceRequestError(kind.code, kind.message, kind.transient, ambiguous);
        }
        await this.backoff(attempt);
      }
    }
  }

  /** REQUEST_LIMIT_EXCEEDED with the daily allowance spent: waiting seconds will not help, resume later. */
  private dailyBudgetSpent(code: string): boolean {
    return code === 'REQUEST_LIMIT_EXCEEDED' && !!this.usage && this.usage.used >= this.usage.max;
  }

  private readUsage(): void {
    const info = this.conn.limitInfo?.apiUsage;
    if (info) this.usage = { used: info.used, max: info.limit };
  }

  private async refresh(conn: Connection, callback: Callback<string, TokenResponse>): Promise<void> {
    try {
      const tokens = await refreshShared({
        store: this.tokens,
        holder: this.holder,
        stale: conn.accessToken ?? undefined,
        grant: (refreshToken) => conn.oauth2.refreshToken(refreshToken),
        sleep: this.sleep,
        ...(this.options.refreshPollMs !== undefined ? { pollMs: this.options.refreshPollMs } : {}),
      });
      conn.refreshToken = tokens.refreshToken;
      if (tokens.instanceUrl) conn.instanceUrl = tokens.instanceUrl;
      const accessToken = tokens.accessToken ?? '';
      this.options.onAccessToken?.(accessToken);
      callback(null, accessToken);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      if (err instanceof SalesforceConsentRevokedError && !this.revoked) {
        this.revoked = err;
        try {
          await this.options.onConsentRevoked?.(this.revoked);
        } catch {
          // The refusal still reaches the caller. An unrecorded status heals itself: the next process to
          // open the connection is refused again and records it then.
        }
      }
      callback(err);
    }
  }
}
