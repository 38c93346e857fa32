import { z } from 'zod';
import {
  activityQuerySchema,
  activityResponseSchema,
  decisionLogEntrySchema,
  dryRunRequestSchema,
  dryRunResponseSchema,
} from '../../src/api/user-api';
import { recordKey, type RecordRef } from '../../src';
import { callerOf } from '../app/access-control';
import type { AppDeps } from '../app/app-deps';
import { HttpError } from '../app/http-error';
import { latestDecision, listDecisions } from '../db/decision-log-repo';
import { getOrganisation } from '../db/organisation-repo';
import { dryRun } from '../services/dry-run';
import type { RouteContext } from './route-context';

// What autosharing did for the user (the dashboard's Activity page), why (explain by Message-ID), and what it
// would do with other settings (dry run).

/** The linked records' names in one CRM call, so the page says "Jane Doe" rather than an id. */
async function recordNames(
  deps: Pick<AppDeps, 'crm'>,
  entries: { decision: { who: RecordRef[]; what?: RecordRef | undefined } }[],
): Promise<Record<string, string>> {
  const refs = new Map<string, RecordRef>();
  for (const { decision } of entries)
    for (const ref of decision.what ? [...decision.who, decision.what] : decision.who)
      refs.set(recordKey(ref), ref);
  if (refs.size === 0) return {};
  try {
    const details = await deps.crm.getRecordDetails([...refs.values()]);
    return Object.fromEntries(Object.entries(details).map(([key, d]) => [key, d.name]));
  } catch {
    // A CRM that cannot answer now costs the names, not the page: the ids are shown instead.
    return {};
  }
}

export function activityRoutes({ app, deps }: RouteContext): void {
  app.get('/api/activity', {
    config: { access: 'user' },
    schema: { querystring: activityQuerySchema, response: { 200: activityResponseSchema } },
    handler: async (request) => {
      const { reason, q, before, limit } = request.query;
      const organisation = await getOrganisation(deps.db);
      // While an admin has stopped autosharing, what it imported is hidden; starting again shows it.
      const hidden = !organisation.autosharingEnabled;
      const needle = q?.trim().toLowerCase();
      const entries = (
        await listDecisions(deps.db, callerOf(request).user.id, {
          limit: 1000,
          ...(before ? { before } : {}),
        })
      )
        .filter((e) => !(hidden && e.decision.action === 'save'))
        .filter((e) => !reason || e.decision.reason === reason)
        .filter(
          (e) =>
            !needle || [e.from, ...e.to, ...e.cc, e.subject].some((s) => s.toLowerCase().includes(needle)),
        )
        .slice(0, limit);
      return { entries, hidden, names: await recordNames(deps, entries) };
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
