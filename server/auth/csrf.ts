import { createHmac } from 'node:crypto';
import { safeEqual } from './secret-token';

/**
 * CSRF protection for the dashboard, synchronizer-token style without extra storage: the token
 * is an HMAC of the session id, so only someone who holds the (HttpOnly) session cookie's value
 * can know it, and it dies with the session. The dashboard reads it from the session endpoint
 * and sends it back in the `X-CSRF-Token` header on every state-changing request.
 */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfTokenFor(sessionId: string): string {
  return createHmac('sha256', sessionId).update('liaison-csrf-v1').digest('base64url');
}

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * True when the request may proceed: safe methods always, others only with the session's CSRF
 * token (compared in constant time).
 */
export function checkCsrf(
  sessionId: string,
  method: string,
  sentToken: string | string[] | undefined,
): boolean {
  if (!isStateChanging(method)) return true;
  if (typeof sentToken !== 'string' || sentToken === '') return false;
  return safeEqual(sentToken, csrfTokenFor(sessionId));
}
