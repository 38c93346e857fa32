/** Graph's error shape: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
import { randomUUID } from 'node:crypto';

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** A more specific code in `innerError` (Graph: "apps should loop through all the error codes available"). */
    readonly innerCode?: string,
  ) {
    super(message);
  }

  body() {
    return {
      error: {
        code: this.code,
        message: this.message,
        innerError: {
          ...(this.innerCode ? { code: this.innerCode } : {}),
          date: new Date().toISOString(),
          'request-id': randomUUID(),
          'client-request-id': randomUUID(),
        },
      },
    };
  }
}

/** The error a fault of this status answers, with Graph's usual code for it. */
export function faultError(status: number, code?: string, message?: string, retryAfter?: number): GraphError {
  const defaults: Record<number, [string, string]> = {
    401: ['InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'],
    403: ['ErrorAccessDenied', 'Access is denied. Check credentials and try again.'],
    404: ['ErrorItemNotFound', 'The specified object was not found in the store.'],
    410: ['syncStateNotFound', 'The sync state generation is not found or is invalid. Restart the sync.'],
    429: ['ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'],
    500: ['generalException', 'General exception while processing.'],
    503: ['ServiceNotAvailable', 'Service unavailable.'],
    504: ['GatewayTimeout', 'Gateway timeout.'],
  };
  const [c, m] = defaults[status] ?? ['BadRequest', 'Injected fault.'];
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="", error="invalid_token"';
  return new GraphError(status, code ?? c, message ?? m, headers);
}
