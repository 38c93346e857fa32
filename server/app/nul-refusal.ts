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

/**
 * Where the first NUL is, as a field path (`user.crmUserId`, `addresses[2]`; '' for the value itself), or undefined.
 * Walked with a stack of its own: a body may nest thousands of levels deep (JSON.parse takes it), which recursion
 * would answer with a stack overflow.
 */
function nulPath(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return path;
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], `${path}[${i}]`]);
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, inner] of Object.entries(item).reverse()) {
        if (key.includes('\u0000')) return path;
        stack.push([inner, path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}

const holdsNul = (value: unknown): boolean => nulPath(value) !== undefined;

/** The value with every NUL dropped, in place (strings are rebuilt in their parents; iterative, as above). */
function dropNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '');
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      item.forEach((inner, i) => {
        if (typeof inner === 'string') item[i] = inner.replaceAll('\u0000', '');
        else stack.push(inner);
      });
    } else if (typeof item === 'object' && item !== null) {
      const record = item as Record<string, unknown>;
      for (const [key, inner] of Object.entries(record)) {
        const clean = key.replaceAll('\u0000', '');
        if (clean !== key) delete record[key];
        if (typeof inner === 'string') record[clean] = inner.replaceAll('\u0000', '');
        else {
          record[clean] = inner;
          stack.push(inner);
        }
      }
    }
  }
  return value;
}

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
      request.body = dropNul(request.body);
      return;
    }
    const found = nulPath(request.body) ?? '';
    const path = found.length > 80 ? `${found.slice(0, 80)}…` : found;
    throw new HttpError(
      400,
      'invalid_request',
      `${path ? `The field ${path}` : 'The request body'} holds a NUL character, which no name, id or text Liaison keeps can contain.`,
    );
  });
}
