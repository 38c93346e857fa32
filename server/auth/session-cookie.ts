/**
 * The dashboard's session cookie: HttpOnly (no script can read it), SameSite=Lax (not sent on
 * cross-site POSTs), Path=/, and Secure when served over https, where it also takes the
 * `__Host-` prefix so no subdomain or plain-http page can set or shadow it.
 */
export const SESSION_COOKIE = 'liaison_session';
export const SECURE_SESSION_COOKIE = '__Host-liaison_session';

export interface CookieSettings {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
  /** Seconds. */
  maxAge: number;
}

/** True when the server's public URL is https (directly or behind a TLS-terminating proxy). */
export function servedOverHttps(publicUrl: string): boolean {
  return new URL(publicUrl).protocol === 'https:';
}

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** Settings in the shape cookie libraries take (e.g. @fastify/cookie's `setCookie`). */
export function sessionCookieSettings(secure: boolean, maxAgeSeconds: number): CookieSettings {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
  };
}

/** A complete `Set-Cookie` header value, for code that sets headers directly. */
export function serializeSessionCookie(sessionId: string, secure: boolean, maxAgeSeconds: number): string {
  const settings = sessionCookieSettings(secure, maxAgeSeconds);
  const parts = [
    `${sessionCookieName(secure)}=${sessionId}`,
    'Path=/',
    `Max-Age=${settings.maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The `Set-Cookie` value that signs the browser out. */
export function clearSessionCookie(secure: boolean): string {
  return serializeSessionCookie('', secure, 0);
}

/** Finds the session id in a `Cookie` request header. */
export function readSessionCookie(cookieHeader: string | undefined, secure: boolean): string | undefined {
  const name = sessionCookieName(secure);
  for (const pair of (cookieHeader ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    if (pair.slice(0, at).trim() === name) {
      const value = pair.slice(at + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}
