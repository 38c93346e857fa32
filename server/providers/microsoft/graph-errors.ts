/**
 * Graph and identity-platform failures as MailSourceError kinds, the engine's vocabulary for a mailbox's
 * status: revoked consent (AADSTS65001 and kin), a sign-in the user must redo, throttling, outages.
 */
import { retryAfterMs } from '../retry-after';
import { MailSourceError } from '../mail-source';

/** AADSTS codes that mean the app's access was withdrawn (rather than a sign-in to redo). */
const CONSENT_CODES = [
  'AADSTS65001', // the user or administrator has not consented (consent revoked)
  'AADSTS65004', // the user declined consent
  'AADSTS50105', // the user is not assigned to the application any more
  'AADSTS7000112', // the application is disabled in the tenant
];

interface MsalLikeError {
  errorCode?: string;
  subError?: string;
  errorMessage?: string;
  message?: string;
  name?: string;
}

/** A failure from msal-node (token endpoint) as a MailSourceError. */
export function authError(e: unknown): MailSourceError {
  if (e instanceof MailSourceError) return e;
  const err = (e ?? {}) as MsalLikeError;
  const text = `${err.errorCode ?? ''} ${err.subError ?? ''} ${err.errorMessage ?? err.message ?? ''}`;
  if (err.subError === 'consent_required' || CONSENT_CODES.some((c) => text.includes(c))) {
    return new MailSourceError(
      'consent_revoked',
      `Microsoft 365 access was withdrawn: ${text.trim()}`,
      undefined,
      { cause: e },
    );
  }
  if (/network|ECONNREFUSED|ETIMEDOUT|fetch failed|temporarily_unavailable|AADSTS90033/i.test(text)) {
    return new MailSourceError('unavailable', `Microsoft sign-in unreachable: ${text.trim()}`, undefined, {
      cause: e,
    });
  }
  return new MailSourceError('auth', `Microsoft 365 sign-in must be renewed: ${text.trim()}`, undefined, {
    cause: e,
  });
}

interface GraphLikeError {
  statusCode?: number;
  code?: string | null;
  message?: string;
  headers?: { get(name: string): string | null };
}

export { retryAfterMs };

export function graphStatus(e: unknown): number | undefined {
  const status = (e as GraphLikeError | undefined)?.statusCode;
  return typeof status === 'number' && status > 0 ? status : undefined;
}

/** A failed Graph API call as a MailSourceError (after the source's own retries). */
export function apiError(e: unknown): MailSourceError {
  if (e instanceof MailSourceError) return e;
  const err = (e ?? {}) as GraphLikeError;
  const status = graphStatus(e);
  const what = `${status ?? 'network'} ${err.code ?? ''} ${err.message ?? ''}`.trim();
  if (status === 401)
    return new MailSourceError('auth', `Microsoft Graph refused the token: ${what}`, undefined, { cause: e });
  if (status === 403)
    return new MailSourceError('consent_revoked', `Microsoft Graph denied access: ${what}`, undefined, {
      cause: e,
    });
  if (status === 404)
    return new MailSourceError('not_found', `Microsoft Graph: not found: ${what}`, undefined, { cause: e });
  if (status === 429) {
    return new MailSourceError(
      'rate_limited',
      `Microsoft Graph throttled: ${what}`,
      retryAfterMs(err.headers?.get('retry-after'), 60_000),
      { cause: e },
    );
  }
  return new MailSourceError('unavailable', `Microsoft Graph failed: ${what}`, undefined, { cause: e });
}
