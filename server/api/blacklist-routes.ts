import { z } from 'zod';
import {
  blacklistAddResponseSchema,
  blacklistAddSchema,
  blacklistResponseSchema,
} from '../../src/api/user-api';
import { listCorporateBlacklist, listUserBlacklist, removeUserBlacklistEntries } from '../db/blacklist-repo';
import { callerOf } from '../app/access-control';
import { addToUserBlacklist } from '../services/blacklist-service';
import type { RouteContext } from './route-context';

// The user's blacklist ("Do Not Sync"). Adding takes effect on the very next request and sync; it never deletes
// saved activities (rulebook section 6). Bad entries are reported one by one while the good ones are kept.

export function blacklistRoutes({ app, deps }: RouteContext): void {
  const lists = async (userId: string) => ({
    mine: await listUserBlacklist(deps.db, userId),
    corporate: await listCorporateBlacklist(deps.db),
  });

  app.get('/api/blacklist', {
    config: { access: 'user' },
    schema: { response: { 200: blacklistResponseSchema } },
    handler: async (request) => lists(callerOf(request).user.id),
  });

  app.post('/api/blacklist', {
    config: { access: 'user' },
    schema: { body: blacklistAddSchema, response: { 200: blacklistAddResponseSchema } },
    handler: async (request) => {
      const { user } = callerOf(request);
      const { added, errors } = await addToUserBlacklist(deps, user, request.body.entries);
      return { ...(await lists(user.id)), added, errors };
    },
  });

  app.delete('/api/blacklist/:entry', {
    config: { access: 'user' },
    schema: { params: z.object({ entry: z.string().min(1) }), response: { 200: blacklistResponseSchema } },
    handler: async (request) => {
      const { user } = callerOf(request);
      await removeUserBlacklistEntries(deps.db, user.id, [request.params.entry]);
      return lists(user.id);
    },
  });
}
