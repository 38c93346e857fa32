import { errorSchema } from '../../src/api/user-api';
import { saveWhenSentRequestSchema, saveWhenSentResponseSchema } from '../../src/api/compose-api';
import { callerOf } from '../app/access-control';
import { createPick } from '../services/save-when-sent-service';
import type { RouteContext } from './route-context';

// "Save when sent" (issue 18): the compose faces keep the rep's pick here and get the token to carry (Outlook's
// header) or name the reply's thread (Gmail). Signed in like /api/save, under the same rate limit.

export function composeRoutes({ app, deps }: RouteContext): void {
  app.post('/api/save/when-sent', {
    config: { access: 'user' },
    schema: {
      body: saveWhenSentRequestSchema,
      response: { 200: saveWhenSentResponseSchema, 400: errorSchema, 502: errorSchema },
    },
    handler: async (request) => {
      const { who, what, level, autosaveThread, threadId } = request.body;
      return createPick(deps, callerOf(request).user, {
        who,
        autosaveThread,
        ...(what ? { what } : {}),
        ...(level ? { level } : {}),
        ...(threadId !== undefined ? { threadId } : {}),
      });
    },
  });
}
