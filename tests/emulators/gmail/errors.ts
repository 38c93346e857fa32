/** Google's JSON error shape: `{ error: { code, message, errors: [{ message, domain, reason }], status } }`. */
export class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body() {
    const statusName: Record<number, string> = {
      400: 'INVALID_ARGUMENT',
      401: 'UNAUTHENTICATED',
      403: 'PERMISSION_DENIED',
      404: 'NOT_FOUND',
      410: 'GONE',
      429: 'RESOURCE_EXHAUSTED',
      500: 'INTERNAL',
      503: 'UNAVAILABLE',
    };
    const domain = ['rateLimitExceeded', 'userRateLimitExceeded', 'dailyLimitExceeded'].includes(this.reason)
      ? 'usageLimits'
      : 'global';
    return {
      error: {
        code: this.status,
        message: this.message,
        errors: [{ message: this.message, domain, reason: this.reason }],
        status: statusName[this.status] ?? 'UNKNOWN',
      },
    };
  }
}

export function faultError(
  status: number,
  code?: string,
  message?: string,
  retryAfter?: number,
): GoogleApiError {
  const defaults: Record<number, [string, string]> = {
    401: [
      'authError',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    ],
    403: ['rateLimitExceeded', 'Rate Limit Exceeded'],
    404: ['notFound', 'Requested entity was not found.'],
    429: ['rateLimitExceeded', 'Too many concurrent requests for user.'],
    500: ['backendError', 'Backend Error'],
    503: ['backendError', 'The service is currently unavailable.'],
  };
  const [reason, text] = defaults[status] ?? ['badRequest', 'Injected fault.'];
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
  if (status === 401)
    headers['WWW-Authenticate'] = 'Bearer realm="https://accounts.google.com/", error="invalid_token"';
  return new GoogleApiError(status, code ?? reason, message ?? text, headers);
}

export const notFound = () => new GoogleApiError(404, 'notFound', 'Requested entity was not found.');
