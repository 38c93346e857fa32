import { MailSourceError } from '../mail-source';

// imapflow's failures as the engine's MailSourceError kinds. Credentials refused (password or XOAUTH2 token) mean
// the user must reconnect; a throttled server asks to slow down; everything else (refused, reset, timed out,
// closed mid-command, an odd server reply) is worth retrying later.

interface ImapFlowLikeError {
  code?: unknown;
  authenticationFailed?: unknown;
  serverResponseCode?: unknown;
  throttleReset?: unknown;
  message?: unknown;
  responseText?: unknown;
}

const AUTH_RESPONSE_CODES = new Set(['AUTHENTICATIONFAILED', 'AUTHORIZATIONFAILED', 'EXPIRED']);

export function toMailSourceError(error: unknown, doing: string): MailSourceError {
  if (error instanceof MailSourceError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ImapFlowLikeError;
  const text = [e.message, e.responseText].filter((part) => typeof part === 'string' && part !== '');
  const detail = text.length > 0 ? text.join(': ') : String(error);
  const code = typeof e.code === 'string' ? ` [${e.code}]` : '';
  const message = `IMAP ${doing} failed${code}: ${detail}`;
  const responseCode = typeof e.serverResponseCode === 'string' ? e.serverResponseCode.toUpperCase() : '';
  if (e.authenticationFailed === true || AUTH_RESPONSE_CODES.has(responseCode)) {
    return new MailSourceError('auth', message, undefined, { cause: error });
  }
  if (e.code === 'ETHROTTLE') {
    const retryAfterMs = typeof e.throttleReset === 'number' ? e.throttleReset : undefined;
    return new MailSourceError('rate_limited', message, retryAfterMs, { cause: error });
  }
  return new MailSourceError('unavailable', message, undefined, { cause: error });
}
