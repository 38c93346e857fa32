import { z } from 'zod';
import {
  activityQuerySchema,
  activityResponseSchema,
  decisionLogEntrySchema,
  dryRunRequestSchema,
  dryRunResponseSchema,
} from '../../src/api/user-api';
import { callerOf } from '../app/access-control';
import { HttpError } from '../app/http-error';
import { activityPage, decodePageKey } from '../db/activity-page-query';
import { latestDecision } from '../db/decision-log-repo';
import { getOrganisation } from '../db/organisation-repo';
import { dryRun } from '../services/dry-run';
import { activityEntries, withEventKind, type ActivityEntry } from '../services/activity-list';
import { recordNames } from '../services/record-names';
import type { RouteContext } from './route-context';

// What autosharing did for the user (the dashboard's Activity page), why (explain by Message-ID), and what it
// would do with other settings (dry run).

export function activityRoutes({ app, deps }: RouteContext): void {
  app.get('/api/activity', {
    config: { access: 'user' },
    schema: { querystring: activityQuerySchema, response: { 200: activityResponseSchema } },
    handler: async (request) => {
      const { kind, reason, q, before, limit, next } = request.query;
      const after = next === undefined ? undefined : decodePageKey(next);
      if (next !== undefined && !after)
        throw new HttpError(
          400,
          'bad_page',
          'This link to a further page of activity is not one Liaison gave: open the Activity page again.',
        );
      const organisation = await getOrganisation(deps.db);
      // While an admin has stopped autosharing, what it imported is hidden; starting again shows it.
      const hidden = !organisation.autosharingEnabled;
      const needle = q?.trim().toLowerCase();
      const { id: userId, addresses } = callerOf(request).user;
      // Filtered, searched and paged in the database over the whole history (stopping hides what autosharing
      // imported; saves by hand stay).
      const page = await activityPage(deps.db, userId, {
        kind,
        ...(reason ? { reason } : {}),
        ...(needle ? { needle } : {}),
        hideImported: hidden,
        limit,
        ...(after ? { after } : {}),
        ...(before ? { before: new Date(before) } : {}),
      });
      // Where an email is saved now comes from its ledger; an event's decisions say what was written.
      const emails = await activityEntries(
        deps.db,
        userId,
        page.entries.filter((e) => e.kind !== 'event'),
      );
      const withLedger = new Map(emails.map((e) => [e.id, e]));
      const entries: ActivityEntry[] = page.entries.map((e) =>
        withEventKind(withLedger.get(e.id) ?? e, addresses),
      );
      return {
        entries,
        hidden,
        ...(page.next ? { next: page.next } : {}),
        names: await recordNames(
          deps.crm,
          entries.flatMap(({ decision, saved }) => [
            ...decision.who,
            ...(decision.what ? [decision.what] : []),
            ...(saved?.links ?? []),
          ]),
        ),
      };
    },
  });

  app.get('/api/explain/:messageId', {
    config: { access: 'user' },
    schema: { params: z.object({ messageId: z.string().min(1) }), response: { 200: decisionLogEntrySchema } },
    handler: async (request) => {
      const entry = await latestDecision(deps.db, callerOf(request).user.id, request.params.messageId);
      if (!entry)
        throw new HttpError(
          404,
          'not_found',
          'Liaison has not looked at this email for you yet (it decides at each sync).',
        );
      return entry;
    },
  });

  app.post('/api/settings/dry-run', {
    config: { access: 'user' },
    schema: { body: dryRunRequestSchema, response: { 200: dryRunResponseSchema } },
    handler: async (request) =>
      dryRun(deps, callerOf(request).user, request.body.settings, request.body.days),
  });
}
