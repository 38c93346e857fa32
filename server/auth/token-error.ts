/**
 * Why a bearer token was refused. All but `jwks_unavailable` mean "401, sign in again";
 * `jwks_unavailable` is the server's trouble reaching a provider's keys (503).
 */
export type TokenErrorCode =
  | 'malformed'
  | 'unknown_issuer'
  | 'bad_signature'
  | 'unknown_key'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'wrong_tenant'
  | 'no_email'
  | 'jwks_unavailable';

export class TokenError extends Error {
  override readonly name = 'TokenError';

  constructor(
    readonly code: TokenErrorCode,
    message: string,
  ) {
    super(message);
  }
}
