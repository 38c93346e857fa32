import { z } from 'zod';
import { subscriptionsResponseSchema } from '../../src/api/user-api';
import { listThreadSubscriptions, unsubscribeThread } from '../db/subscriptions-repo';
import { callerOf } from '../app/access-control';
import { notFound } from '../app/http-error';
import type { RouteContext } from './route-context';
import type { AppDeps } from '../app/app-deps';
import { recordKey, type RecordRef } from '../../src';
import { recordNames } from '../services/record-names';

// "Auto-save all next emails in this thread": the user's subscriptions, and unsubscribe.
export function subscriptionRoutes({ app, deps }: RouteContext): void {
  app.get('/api/subscriptions', {
    config: { access: 'user' },
    schema: { response: { 200: subscriptionsResponseSchema } },
    handler: async (request) => ({
      subscriptions: await withNames(deps, await listThreadSubscriptions(deps.db, callerOf(request).user.id)),
    }),
  });
  app.delete('/api/subscriptions/:threadId', {
    config: { access: 'user' },
    schema: {
      params: z.object({ threadId: z.string().min(1) }),
      response: { 200: subscriptionsResponseSchema },
    },
    handler: async (request) => {
      const userId = callerOf(request).user.id;
      if (!(await unsubscribeThread(deps.db, userId, request.params.threadId)))
        throw notFound('That thread subscription');
      return { subscriptions: await withNames(deps, await listThreadSubscriptions(deps.db, userId)) };
    },
  });
}

/** Each subscription with its linked record's name, when the CRM gives it. */
async function withNames<T extends { what?: RecordRef }>(
  deps: Pick<AppDeps, 'crm'>,
  subscriptions: T[],
): Promise<(T & { whatName?: string })[]> {
  const names = await recordNames(
    deps.crm,
    subscriptions.flatMap((s) => (s.what ? [s.what] : [])),
  );
  return subscriptions.map((s) => {
    const name = s.what ? names[recordKey(s.what)] : undefined;
    return name ? { ...s, whatName: name } : s;
  });
}
