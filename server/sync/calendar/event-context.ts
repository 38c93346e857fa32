import { normalizeAddress, type CalendarEvent, type EventContext, type MailMessage } from '../../../src';
import { gatherContext, type GatheredContext } from '../../context/gather-context';
import type { CrmAdapter } from '../../crm/crm-adapter';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types';
import type { EventLedgerEntry } from '../../db/event-ledger-repo';
import { listUsers, type User } from '../../db/users-repo';

// The rules' EventContext for one user and a batch of events: the email context gathered for the events'
// participants (settings, blacklists, internal domains, the CRM's people, accounts and opportunities, in the same two
// reads as a mail batch), plus what only events need: the clock and horizon, the organisation's saved events for
// rule 6, and the colleagues who are CRM users for rule 13.

/** An event's participants as an envelope, so the email context's gathering reads their records. */
function asEnvelope(event: CalendarEvent): MailMessage {
  const attendees = Array.isArray(event.attendees) ? event.attendees : [];
  return {
    internetMessageId: '',
    folder: 'inbox',
    from: { address: typeof event.organizer?.address === 'string' ? event.organizer.address : '' },
    to: attendees
      .filter((a) => a?.type !== 'resource' && typeof a?.address === 'string')
      .map((a) => ({ address: a.address })),
    cc: [],
    bcc: [],
    subject: '',
    sentAt: '',
  };
}

export async function gatherEventContext(
  deps: { db: Kysely<Database>; crm: CrmAdapter },
  user: User,
  events: CalendarEvent[],
  options: {
    connectedAt: string;
    now: Date;
    horizonDays: number;
    saved: Map<string, EventLedgerEntry>;
    /** The sidebar: also up to this many recent activities per person found. */
    recentActivities?: number;
  },
): Promise<{ ctx: EventContext; users: User[]; gathered: GatheredContext }> {
  const [gathered, users] = await Promise.all([
    gatherContext(
      deps,
      user,
      events.map(asEnvelope),
      options.recentActivities === undefined ? {} : { recentActivities: options.recentActivities },
    ),
    listUsers(deps.db),
  ]);
  const { ctx } = gathered;
  const crmUsers = users
    .filter((u) => u.crmUserId)
    .flatMap((u) =>
      u.addresses.map((address) => ({ address: normalizeAddress(address), crmUserId: u.crmUserId })),
    );
  const eventCtx: EventContext = {
    ...ctx,
    connectedAt: options.connectedAt,
    now: options.now.toISOString(),
    horizonDays: options.horizonDays,
    savedEvents: [...options.saved.values()].map((s) => ({
      key: s.key,
      fingerprint: s.fingerprint,
      sequence: s.sequence,
      cancelled: s.cancelled,
    })),
    crmUsers,
  };
  return { ctx: eventCtx, users, gathered };
}
