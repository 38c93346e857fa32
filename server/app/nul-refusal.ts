import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error';

// No name, id or address Liaison keeps can hold the NUL character (PostgreSQL text cannot), so a path or query
// value with one names nothing: it is refused with a sentence here, before any route looks it up in the database.
// Bodies are validated field by field by their routes.

const holdsNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes('\u0000')
    : Array.isArray(value)
      ? value.some(holdsNul)
      : typeof value === 'object' && value !== null && Object.values(value).some(holdsNul);

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
}
