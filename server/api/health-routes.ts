import { sql } from 'kysely';
import { z } from 'zod';
import { HttpError } from '../app/http-error';
import type { RouteContext } from './route-context';

// Liveness (the process answers) and readiness (the database answers), for load balancers and orchestrators.
export function healthRoutes({ app, deps }: RouteContext): void {
  app.get('/api/health', {
    config: { access: 'public' },
    schema: { response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });
  app.get('/api/ready', {
    config: { access: 'public' },
    schema: {
      response: { 200: z.object({ status: z.literal('ready'), database: z.enum(['postgres', 'pglite']) }) },
    },
    handler: async () => {
      try {
        await sql`select 1`.execute(deps.db);
      } catch {
        throw new HttpError(503, 'not_ready', 'The database does not answer.');
      }
      return { status: 'ready' as const, database: deps.backend };
    },
  });
  app.get('/api/openapi.json', {
    config: { access: 'public' },
    handler: async () => app.swagger(),
  });
}
