import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error';

// No name, id or address Liaison keeps can hold the NUL character (PostgreSQL text cannot), so a path or query
// value with one names nothing: it is refused with a sentence here, before any route looks it up in the database.
// So is a body field with one (a CRM user id, a display name), naming the field. Routes marked `mailContent` carry
// an email or meeting as a mail client read it, where a NUL is junk in someone else's text, not the rep's input:
// their NULs are dropped, so the item can still be shown and saved.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The body carries an email or meeting as read by the face: NUL characters in it are dropped, not refused. */
    mailContent?: boolean;
  }
}

const holdsNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes('\u0000')
    : Array.isArray(value)
      ? value.some(holdsNul)
      : typeof value === 'object' && value !== null && Object.values(value).some(holdsNul);

/** Where the first NUL is, as a field path (`user.crmUserId`, `addresses[2]`); '' for the body itself. */
function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(key, path) ?? nulPath(item, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  return undefined;
}

const withoutNul = (value: unknown): unknown =>
  typeof value === 'string'
    ? value.replaceAll('\u0000', '')
    : Array.isArray(value)
      ? value.map(withoutNul)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replaceAll('\u0000', ''), withoutNul(v)]))
        : value;

export function installNulRefusal(app: FastifyInstance): void {
  // preParsing: after the rate limiter has counted the request.
  app.addHook('preParsing', async (request) => {
    if (holdsNul(request.params) || holdsNul(request.query))
      throw new HttpError(
        400,
        'invalid_request',
        'The address of this request holds a NUL character (%00), which no name, id or email address can contain.',
      );
  });
  // preValidation: the body is parsed, and not yet checked against the route's schema.
  app.addHook('preValidation', async (request) => {
    if (!holdsNul(request.body)) return;
    if (request.routeOptions.config.mailContent) {
      request.body = withoutNul(request.body);
      return;
    }
    const path = nulPath(request.body, '');
    throw new HttpError(
      400,
      'invalid_request',
      `${path ? `The field ${path}` : 'The request body'} holds a NUL character, which no name, id or text Liaison keeps can contain.`,
    );
  });
}
