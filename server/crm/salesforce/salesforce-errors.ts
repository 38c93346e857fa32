// The failures the server must tell apart: consent gone (organisation Inactive), limits (back off, resume
// later), and everything else (report). Transient ones are retried inside the client first.

/** The refresh token no longer works (`invalid_grant`): consent revoked, token expired or the user frozen. */
export class SalesforceConsentRevokedError extends Error {
  override readonly name = 'SalesforceConsentRevokedError';
  /** A sentence for the admin status page. */
  readonly reason: string;
  constructor(detail: string) {
    super(`Salesforce refused the stored refresh token (invalid_grant: ${detail})`);
    this.reason =
      'Salesforce access was revoked or has expired (the connected app lost its consent). ' +
      'An administrator must connect Salesforce again from the admin page.';
  }
}

/** A request still failed after the bounded retries; `code` is Salesforce's error code or a transport one. */
export class SalesforceRequestError extends Error {
  override readonly name = 'SalesforceRequestError';
  constructor(
    readonly code: string,
    message: string,
    /** Whether waiting and trying again later may help (limits, locks, outages, timeouts). */
    readonly transient: boolean,
    /** A write whose outcome is unknown (timeout or dropped connection): it may have happened. */
    readonly ambiguous = false,
  ) {
    super(`${code}: ${message}`);
  }
}

const TRANSIENT_CODES = new Set([
  'REQUEST_LIMIT_EXCEEDED',
  'UNABLE_TO_LOCK_ROW',
  'SERVER_UNAVAILABLE',
  'ERROR_HTTP_500',
  'ERROR_HTTP_502',
  'ERROR_HTTP_503',
  'ERROR_HTTP_504',
  'ERROR_HTTP_429',
]);

/** Transport failures where the request may or may not have reached Salesforce. */
const AMBIGUOUS_NAMES = new Set(['AbortError', 'FetchError', 'TimeoutError']);
const AMBIGUOUS_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);

export interface ErrorKind {
  code: string;
  message: string;
  transient: boolean;
  /** Unknown outcome: the request may have taken effect. */
  ambiguous: boolean;
}

export function classifyError(e: unknown): ErrorKind {
  const err = e as { name?: unknown; errorCode?: unknown; code?: unknown; message?: unknown } | null;
  const name = typeof err?.name === 'string' ? err.name : '';
  const message = typeof err?.message === 'string' ? err.message : String(e);
  const code =
    typeof err?.errorCode === 'string'
      ? err.errorCode
      : typeof err?.code === 'string'
        ? err.code
        : name || 'UNKNOWN';
  if (AMBIGUOUS_NAMES.has(name) || AMBIGUOUS_CODES.has(code)) {
    // A connection refused never reached the server: safe to repeat.
    const refused = code === 'ECONNREFUSED';
    return { code: name === 'AbortError' ? 'TIMEOUT' : code, message, transient: true, ambiguous: !refused };
  }
  // jsforce wraps a failed token refresh (login server down…); the request itself was answered 401, not applied.
  if (message.startsWith('Unable to refresh session')) {
    return { code: 'REFRESH_FAILED', message, transient: true, ambiguous: false };
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { code, message, transient: true, ambiguous: false };
  }
  return { code, message, transient: TRANSIENT_CODES.has(code), ambiguous: false };
}
