// A refused bearer token as the API answers it: 503 when a provider's keys could not be fetched (the server's
// trouble, not the caller's), else 401 with the reason's code. The wording says who was refused.
import type { TokenError } from '../auth';
import { HttpError } from './http-error';

export function tokenRefusal(error: TokenError, message: (reason: string) => string): HttpError {
  if (error.code === 'jwks_unavailable')
    return new HttpError(503, 'identity_provider_unavailable', error.message);
  return new HttpError(401, `token_${error.code}`, message(error.message));
}
