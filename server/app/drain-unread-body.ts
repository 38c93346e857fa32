import type { FastifyInstance } from 'fastify';

// An answer given before the request's body was read (413 for a body over the limit, 401 before a body is looked
// at) would otherwise leave the client writing into a connection the server stops reading, and the client sees a
// reset instead of the answer. The rest of the body is read and dropped, up to a bound, so the answer arrives.

/** Past this much unread body the connection is closed after all: reading it would cost more than it is worth. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

export function installBodyDrain(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const raw = request.raw;
    if (raw.complete || raw.destroyed) return payload;
    // fastify asks to close after a body it refused; the connection stays open while the rest is read and dropped.
    reply.removeHeader('connection');
    let drained = 0;
    raw.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT_BYTES) raw.socket?.destroy();
    });
    raw.resume();
    return payload;
  });
}
