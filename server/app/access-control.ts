import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerToken, checkCsrf, readSessionCookie, servedOverHttps, TokenError, CSRF_HEADER } from '../auth';
import { getUser, type User } from '../db/users-repo';
import type { AppDeps } from './app-deps';
import { forbidden, HttpError, unauthorized } from './http-error';
import { tokenRefusal } from './token-refusal';
import { userOfIdentity } from './token-user';

// Who may call what. Every route declares `config: { access }`; a route without one cannot be registered, so a
// new route can never slip through unguarded. Sidebars send a bearer token (Microsoft, Google or the embedded
// issuer); the dashboard a session cookie, with a CSRF token on every state-changing request.

export type Access = 'public' | 'user' | 'admin';

export interface Caller {
  user: User;
  via: 'bearer' | 'session';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** A POST that only reads (the sidebar): answering it changes no stored data (see changes-heard.ts). */
    readsOnly?: boolean;
  }
  interface FastifyRequest {
    caller?: Caller;
    sessionId?: string;
    /** Why the credentials were refused, thrown once the rate limiter has counted the request. */
    refusal?: unknown;
  }
}

/** The rate limiter's key: the verified user, else the client address (whatever credentials were sent). */
export function rateLimitKey(request: FastifyRequest): string {
  return request.caller ? `user:${request.caller.user.id}` : `address:${request.ip}`;
}

/** The signed-in caller of a `user` or `admin` route (the hook has already refused anyone else). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw unauthorized();
  return request.caller;
}

async function fromBearer(deps: AppDeps, authorization: string): Promise<Caller> {
  let identity;
  try {
    identity = await deps.tokens.verifier.verify(bearerToken(authorization));
  } catch (error) {
    if (error instanceof TokenError)
      throw tokenRefusal(error, (reason) => `Your sign-in token was refused (${reason}). Sign in again.`);
    throw error;
  }
  return { user: await userOfIdentity(deps.db, identity, deps.userCache), via: 'bearer' };
}

async function fromSession(deps: AppDeps, request: FastifyRequest): Promise<Caller | undefined> {
  const secure = servedOverHttps(deps.config.publicUrl);
  const sessionId = readSessionCookie(request.headers.cookie, secure);
  const session = await deps.sessions.validate(sessionId);
  if (!session || sessionId === undefined) return undefined;
  if (!checkCsrf(sessionId, request.method, request.headers[CSRF_HEADER])) {
    throw new HttpError(
      403,
      'csrf',
      'This change needs the page’s CSRF token (X-CSRF-Token). Reload the page and try again.',
    );
  }
  const user = await getUser(deps.db, session.userId);
  if (!user) return undefined;
  request.sessionId = sessionId;
  return { user, via: 'session' };
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

/** Every route with its access, in registration order: the security test walks this table. */
export function installAccessControl(app: FastifyInstance, deps: AppDeps): RouteEntry[] {
  const table: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    // CORS preflight (added by @fastify/cors) carries no credentials by design.
    if (route.method === 'OPTIONS') route.config = { ...route.config, access: 'public' };
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (access !== 'public' && access !== 'user' && access !== 'admin') {
      throw new Error(
        `Route ${String(route.method)} ${route.url} must declare config.access ('public', 'user' or 'admin')`,
      );
    }
    for (const method of [route.method].flat()) table.push({ method, url: route.url, access });
  });
  // Who is calling is settled first and refusals wait: the rate limiter (a route hook, between the two) then
  // counts a verified caller by user id and anyone else, refused requests included, by client address.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access ?? 'public';
    if (access === 'public') return;
    try {
      const authorization = request.headers.authorization;
      const caller = authorization ? await fromBearer(deps, authorization) : await fromSession(deps, request);
      if (caller) request.caller = caller;
    } catch (error) {
      request.refusal = error;
    }
  });
  app.addHook('preParsing', async (request) => {
    const access = request.routeOptions.config.access ?? 'public';
    if (access === 'public') return;
    if (request.refusal !== undefined) throw request.refusal;
    if (!request.caller) throw unauthorized();
    if (access === 'admin' && request.caller.user.role !== 'admin')
      throw forbidden('Only Liaison admins can do this.');
  });
  return table;
}
