import { z } from 'zod';
import {
  clearSessionCookie,
  EMBEDDED_AUDIENCE,
  LinkError,
  serializeSessionCookie,
  servedOverHttps,
} from '../auth';
import { sessionResponseSchema } from '../../src/api/user-api';
import { callerOf } from '../app/access-control';
import { HttpError, notFound } from '../app/http-error';
import type { RouteContext } from './route-context';

// Sign-in: a one-time link (printed by `liaison serve` or made by an admin) opens a dashboard session; the
// session can ask the embedded issuer for a short bearer token for the preview task pane.

export function sessionRoutes({ app, deps }: RouteContext): void {
  const secure = servedOverHttps(deps.config.publicUrl);

  app.get('/auth/link', {
    config: { access: 'public' },
    schema: { querystring: z.object({ token: z.string().default('') }) },
    handler: async (request, reply) => {
      let userId: string;
      try {
        userId = await deps.links.redeem(request.query.token);
      } catch (error) {
        if (error instanceof LinkError) {
          throw new HttpError(
            401,
            `link_${error.code}`,
            `Cannot sign in: ${error.message}. Run \`node bin/liaison.js users link <address>\` where Liaison is installed for a new link.`,
          );
        }
        throw error;
      }
      const session = await deps.sessions.create(userId);
      const maxAge = Math.floor((session.absoluteExpiresAt.getTime() - deps.now().getTime()) / 1000);
      // No referrer: the token must not travel on to the next page's requests.
      return reply
        .header('set-cookie', serializeSessionCookie(session.sessionId, secure, maxAge))
        .header('referrer-policy', 'no-referrer')
        .redirect('/', 303);
    },
  });

  app.get('/api/session', {
    config: { access: 'user' },
    schema: { response: { 200: sessionResponseSchema } },
    handler: async (request) => {
      const { user } = callerOf(request);
      const session = request.sessionId ? await deps.sessions.validate(request.sessionId) : undefined;
      return {
        user: { id: user.id, displayName: user.displayName, addresses: user.addresses, role: user.role },
        ...(session ? { csrfToken: session.csrfToken } : {}),
      };
    },
  });

  app.post('/api/session/logout', {
    config: { access: 'user' },
    handler: async (request, reply) => {
      if (request.sessionId) await deps.sessions.revoke(request.sessionId);
      return reply.header('set-cookie', clearSessionCookie(secure)).status(204).send();
    },
  });

  app.post('/api/session/token', {
    config: { access: 'user' },
    schema: { response: { 200: z.object({ token: z.string(), expiresIn: z.number() }) } },
    handler: async (request) => {
      const issuer = deps.tokens.embeddedIssuer;
      if (!issuer) throw notFound('The embedded issuer (LIAISON_EMBEDDED_ISSUER is off)');
      const { user } = callerOf(request);
      const ttl = 3600;
      return {
        token: await issuer.issue({ userId: user.id, audience: EMBEDDED_AUDIENCE, ttl }),
        expiresIn: ttl,
      };
    },
  });

  app.get('/.well-known/jwks.json', {
    config: { access: 'public' },
    handler: async () => {
      if (!deps.tokens.embeddedIssuer) throw notFound('The embedded issuer');
      return deps.tokens.embeddedIssuer.jwks();
    },
  });
}
