import { guideMarkSchema, guideMemorySchema } from '../../src/api/user-api';
import { getGuideMemory, rememberGuide } from '../db/guide-repo';
import { callerOf } from '../app/access-control';
import type { RouteContext } from './route-context';

// The dashboard's first-run guide, remembered on the server so that a guide dismissed in one browser stays
// dismissed in the next, and a Why? opened anywhere counts.

export function guideRoutes({ app, deps }: RouteContext): void {
  app.get('/api/guide', {
    config: { access: 'user' },
    schema: { response: { 200: guideMemorySchema } },
    handler: async (request) => getGuideMemory(deps.db, callerOf(request).user.id),
  });
  app.post('/api/guide', {
    config: { access: 'user' },
    schema: { body: guideMarkSchema, response: { 200: guideMemorySchema } },
    handler: async (request) => rememberGuide(deps.db, callerOf(request).user.id, request.body),
  });
}
