/**
 * Google OAuth and Gmail API failures (gaxios errors) as MailSourceError kinds: `invalid_grant` "expired or
 * revoked" is withdrawn access, a re-authentication demand (`invalid_rapt`) or a bad client is a sign-in
 * to redo, 429 and 403 rate-limit reasons are throttling, 5xx and network failures an outage.
 */
import { retryAfterMs } from '../retry-after';
import { MailSourceError } from '../mail-source';

interface HeaderSource {
  get?(name: string): string | null;
  [name: string]: unknown;
}

interface GaxiosLike {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; headers?: HeaderSource; data?: unknown };
}

export function httpStatus(e: unknown): number | undefined {
  const err = e as GaxiosLike | undefined;
  const status = err?.response?.status ?? err?.status;
  return typeof status === 'number' ? status : undefined;
}

export function header(e: unknown, name: string): string | undefined {
  const headers = (e as GaxiosLike | undefined)?.response?.headers;
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
  return typeof found?.[1] === 'string' ? found[1] : undefined;
}

export { retryAfterMs };

/** The `reason` of a Google API error body (`rateLimitExceeded`, `notFound`…). */
export function reason(body: unknown): string | undefined {
  const error = (body as { error?: { errors?: { reason?: string }[]; status?: string } } | undefined)?.error;
  return typeof error === 'object' ? (error.errors?.[0]?.reason ?? error.status) : undefined;
}

const RATE_REASONS = [
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'dailyLimitExceeded',
  'quotaExceeded',
  'RESOURCE_EXHAUSTED',
];

/** Whether an API answer asks to slow down (429, or 403 with a rate-limit reason). */
export function isRateLimit(status: number | undefined, body: unknown): boolean {
  return status === 429 || (status === 403 && RATE_REASONS.includes(reason(body) ?? ''));
}

export function gmailError(e: unknown): MailSourceError {
  if (e instanceof MailSourceError) return e;
  const err = (e ?? {}) as GaxiosLike;
  const data = err.response?.data as
    { error?: unknown; error_description?: string; error_subtype?: string } | undefined;
  const status = httpStatus(e);
  // OAuth token endpoint answers carry `error` as a string.
  if (typeof data?.error === 'string') {
    const text = `${data.error} ${data.error_description ?? ''}`.trim();
    if (
      data.error === 'invalid_grant' &&
      data.error_subtype !== 'invalid_rapt' &&
      /revoked/i.test(data.error_description ?? '')
    ) {
      return new MailSourceError('consent_revoked', `Gmail access was withdrawn: ${text}`, undefined, {
        cause: e,
      });
    }
    if (status !== undefined && status >= 500)
      return new MailSourceError('unavailable', `Google sign-in failed: ${text}`, undefined, { cause: e });
    return new MailSourceError('auth', `Gmail sign-in must be renewed: ${text}`, undefined, { cause: e });
  }
  const what = `${status ?? 'network'} ${reason(data) ?? ''} ${err.message ?? ''}`.trim();
  if (isRateLimit(status, data)) {
    return new MailSourceError(
      'rate_limited',
      `Gmail throttled: ${what}`,
      retryAfterMs(header(e, 'retry-after'), 60_000),
      { cause: e },
    );
  }
  if (status === 401)
    return new MailSourceError('auth', `Gmail refused the token: ${what}`, undefined, { cause: e });
  if (status === 403)
    return new MailSourceError('consent_revoked', `Gmail denied access: ${what}`, undefined, { cause: e });
  if (status === 404)
    return new MailSourceError('not_found', `Gmail: not found: ${what}`, undefined, { cause: e });
  return new MailSourceError('unavailable', `Gmail failed: ${what}`, undefined, { cause: e });
}
