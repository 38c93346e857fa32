// One batch of a calendar, start to finish, with the mail batch's discipline (sync-batch.ts): gather the context for
// every participant of the batch, decide each event (decideEventAutoshare), create the contacts the rules ask for,
// write the CRM events (saves, updates, cancellations: each call safe to repeat), then record the ledger, the
// provider's ids, the decision log and the new cursor in ONE transaction. A crash anywhere repeats the CRM writes
// harmlessly at the next run; nothing is recorded twice and nothing is skipped.
import type { Kysely } from 'kysely';
import {
  DEFAULT_HORIZON_DAYS,
  decideEventAutoshare,
  eventFingerprint,
  eventKey,
  normalizeAddress,
  shareEventContent,
  type CalendarEvent,
  type EventDecision,
  type RecordRef,
} from '../../../src';
import type { CrmAdapter } from '../../crm/crm-adapter';
import type { Database } from '../../db/database-types';
import { recordEventDecisions, type NewEventDecision } from '../../db/event-decision-log';
import {
  keysOfSourceIds,
  recordEventWrites,
  rememberSourceIds,
  savedEventsByKeys,
  storeCalendarCursor,
  type EventLedgerEntry,
  type EventLedgerWrite,
} from '../../db/event-ledger-repo';
import type { Mailbox } from '../../db/mailboxes-repo';
import type { User } from '../../db/users-repo';
import type { CalendarBatch } from '../../providers/calendar-source';
import { gatherEventContext } from './event-context';
import type { EventCancel, EventWrite, EventWriter, EventWriteResult } from './event-writer';

export interface CalendarBatchDeps {
  /** Where ledger, log and cursor go (the run's connection on PostgreSQL). */
  db: Kysely<Database>;
  crm: CrmAdapter;
  events: EventWriter;
  /** How far ahead future events are saved (event-rules.md rule 5; default 30). */
  horizonDays?: number;
  now?: () => Date;
}

export interface CalendarBatchResult {
  looked: number;
  saved: number;
  updated: number;
  cancelled: number;
  skipped: number;
}

interface Pending {
  event?: CalendarEvent;
  key: string;
  decision: NewEventDecision['decision'];
  direction: 'inbound' | 'outbound';
  /** What the ledger records when the CRM write succeeds. */
  ledger?: Omit<EventLedgerWrite, 'crmEventId'> & { crmEventId?: string };
}

export async function processCalendarBatch(
  deps: CalendarBatchDeps,
  mailbox: Pick<Mailbox, 'id' | 'connectedAt'>,
  user: User,
  batch: CalendarBatch,
): Promise<CalendarBatchResult> {
  const now = (deps.now ?? (() => new Date()))();
  const own = new Set(user.addresses.map(normalizeAddress));
  const events = newestPerKey(batch.changes.flatMap((c) => (c.kind === 'event' ? [c] : [])));
  const removed = batch.changes.flatMap((c) => (c.kind === 'removed' ? [c.sourceId] : []));
  const removedKeys = await keysOfSourceIds(deps.db, mailbox.id, removed);
  const saved = await savedEventsByKeys(deps.db, [
    ...events.map((e) => eventKey(e.event)),
    ...removedKeys.values(),
  ]);
  const { ctx, users } = await gatherEventContext(
    deps,
    user,
    events.map((e) => e.event),
    {
      connectedAt: mailbox.connectedAt,
      now,
      horizonDays: deps.horizonDays ?? DEFAULT_HORIZON_DAYS,
      saved,
    },
  );
  const userOfAddress = new Map(
    users.flatMap((u) => u.addresses.map((a) => [normalizeAddress(a), u] as const)),
  );

  const pending: Pending[] = events.map(({ event }) => {
    const decision = decideEventAutoshare(event, ctx);
    const organizer = normalizeAddress(event.organizer?.address);
    const direction = own.has(organizer) ? 'outbound' : 'inbound';
    const entry: Pending = { event, key: decision.key, decision, direction };
    if (decision.action === 'skip') return entry;
    const before = saved.get(decision.key);
    // Section 5: the organizer owns it when a user of Liaison, else the first user whose sync saved it.
    const organizerUser = userOfAddress.get(organizer);
    const owner = organizerUser ?? (before ? undefined : user);
    entry.ledger = {
      key: decision.key,
      fingerprint: eventFingerprint(event),
      sequence: typeof event.sequence === 'number' ? event.sequence : 0,
      cancelled: decision.action === 'cancel',
      ownerUserId: owner?.id ?? null,
      mode: before?.mode ?? 'automatic',
      links: decision.action === 'cancel' && before ? before.links : linksOf(decision),
      ...(before ? { crmEventId: before.crmEventId } : {}),
    };
    return entry;
  });

  // Removed from this calendar: only its owner's removal cancels the organisation's event (a colleague taking it
  // off their own calendar does not cancel the meeting for the others).
  for (const [sourceId, key] of removedKeys) {
    const before = saved.get(key);
    if (!before || before.cancelled || before.ownerUserId !== user.id) continue;
    if (pending.some((p) => p.key === key)) continue; // the same batch has the event itself
    pending.push({
      key,
      direction: 'outbound',
      decision: {
        action: 'cancel',
        reason: 'cancelled',
        who: [],
        create: [],
        invitees: [],
        content: ctx.settings.sharing.outbound,
        trace: [
          `This event was removed from your calendar (${sourceId}), and you own its CRM event: it is marked ` +
            'cancelled, never deleted, and keeps its content.',
        ],
      },
      ledger: { ...before, subject: before.subject ?? '', cancelled: true },
    });
  }

  await createContacts(deps.crm, user, pending);
  const results = await writeEvents(deps.events, user, pending, { userOfAddress, users, saved });

  const counts: CalendarBatchResult = {
    looked: events.length,
    saved: 0,
    updated: 0,
    cancelled: 0,
    skipped: 0,
  };
  const writes: EventLedgerWrite[] = [];
  const entries: NewEventDecision[] = pending.map((p, index) => {
    const result = results.get(index);
    let decision = p.decision;
    if (decision.action !== 'skip') {
      if (result?.ok && p.ledger) {
        writes.push({ ...p.ledger, crmEventId: result.id });
        counts[
          decision.action === 'save' ? 'saved' : decision.action === 'update' ? 'updated' : 'cancelled'
        ]++;
      } else {
        const why = result && !result.ok ? result.error : 'the contacts to create could not be created';
        decision = {
          ...decision,
          action: 'skip',
          trace: [
            ...decision.trace,
            `The CRM did not take it (${why}). Not saved; it is tried again when it changes.`,
          ],
        };
      }
    }
    if (decision.action === 'skip') counts.skipped++;
    return {
      userId: user.id,
      key: p.key,
      direction: p.direction,
      decision,
      ...(p.event ? { event: p.event } : {}),
    };
  });

  await deps.db.transaction().execute(async (trx) => {
    await recordEventWrites(trx, writes);
    await rememberSourceIds(
      trx,
      mailbox.id,
      events.map((e) => ({ sourceId: e.sourceId, key: eventKey(e.event) })),
    );
    await recordEventDecisions(trx, entries);
    await storeCalendarCursor(trx, mailbox.id, batch.cursor);
  });
  return counts;
}

/** One change per key in a batch: the highest sequence, then the latest in the batch. */
function newestPerKey(
  changes: { sourceId: string; event: CalendarEvent }[],
): { sourceId: string; event: CalendarEvent }[] {
  const byKey = new Map<string, { sourceId: string; event: CalendarEvent }>();
  for (const change of changes) {
    const key = eventKey(change.event);
    const kept = byKey.get(key);
    if (!kept || (change.event.sequence ?? 0) >= (kept.event.sequence ?? 0)) byKey.set(key, change);
  }
  return [...byKey.values()];
}

function linksOf(decision: EventDecision): EventLedgerWrite['links'] {
  return {
    who: [...decision.who],
    invitees: [...decision.invitees],
    ...(decision.what ? { what: decision.what } : {}),
  };
}

/** The contacts the decisions ask for, once per address, in one adapter call; their ids join `who`. */
async function createContacts(crm: CrmAdapter, user: User, pending: Pending[]): Promise<void> {
  const wanted = new Map<string, string>();
  for (const p of pending) {
    if (p.decision.action !== 'save' && p.decision.action !== 'update') continue;
    for (const c of p.decision.create) {
      const address = normalizeAddress(c.address);
      if (!wanted.has(address)) wanted.set(address, c.accountId);
    }
  }
  if (wanted.size === 0) return;
  const items = [...wanted].map(([email, accountId]) => ({ email, accountId, ownerId: user.crmUserId }));
  const results = await crm.createContacts(items);
  const ids = new Map<string, string>();
  results.forEach((r, i) => {
    if (r.ok) ids.set(items[i]!.email, r.id);
  });
  for (const p of pending) {
    if (p.decision.create.length === 0 || !p.ledger) continue;
    const who: RecordRef[] = [...p.decision.who];
    for (const c of p.decision.create) {
      const id = ids.get(normalizeAddress(c.address));
      if (id && !who.some((r) => r.kind === 'contact' && r.id === id)) who.push({ kind: 'contact', id });
    }
    p.decision = { ...p.decision, who };
    p.ledger.links = { ...p.ledger.links, who };
  }
}

/** Meeting or appointment, as the rules read it (a removal has no event, hence no decision kind). */
const kindOf = (p: Pending) => ('kind' in p.decision ? (p.decision as EventDecision).kind : undefined);

/** Saves, updates and cancellations, each in one call; results by the index in `pending`. */
async function writeEvents(
  writer: EventWriter,
  user: User,
  pending: Pending[],
  known: { userOfAddress: Map<string, User>; users: User[]; saved: Map<string, EventLedgerEntry> },
): Promise<Map<number, EventWriteResult>> {
  const userById = new Map(known.users.map((u) => [u.id, u]));
  const saves: { index: number; item: EventWrite }[] = [];
  const updates: { index: number; item: EventWrite & { crmEventId: string } }[] = [];
  const cancels: { index: number; item: EventCancel }[] = [];
  pending.forEach((p, index) => {
    const { decision, ledger } = p;
    if (!ledger || decision.action === 'skip') return;
    if (decision.action === 'cancel') {
      if (!ledger.crmEventId) return;
      // The cancelled event's own content (`Cancelled: …`), or for a removal the subject written last.
      if (p.event) ledger.subject = shareEventContent(p.event, decision.content, kindOf(p)).subject;
      cancels.push({
        index,
        item: {
          key: p.key,
          crmEventId: ledger.crmEventId,
          subject: ledger.subject ?? '',
          fingerprint: ledger.fingerprint,
          sequence: ledger.sequence,
        },
      });
      return;
    }
    // A meeting whose contacts could not be created has nothing to link (an appointment links no one by rule 7).
    if (decision.reason === 'meeting' && decision.who.length === 0 && !decision.what) return;
    const event = p.event!;
    const content = shareEventContent(event, decision.content, kindOf(p));
    ledger.subject = content.subject;
    // Section 5: the organizer owns it when a user of Liaison; else whoever owns it already; else this user.
    const organizerUser = known.userOfAddress.get(normalizeAddress(event.organizer?.address));
    const ownerUserId = known.saved.get(p.key)?.ownerUserId;
    const ownerId =
      organizerUser?.crmUserId || (ownerUserId && userById.get(ownerUserId)?.crmUserId) || user.crmUserId;
    // Everyone's calendar but the owner's: this user too when another owns it (a colleague's copy becomes an
    // invitee), the owner never.
    const invitees = [...new Set([...decision.invitees, user.crmUserId])].filter(
      (id) => id && id !== ownerId,
    );
    ledger.links = { ...ledger.links, invitees };
    const item: EventWrite = {
      key: p.key,
      subject: content.subject,
      body: content.body,
      start: event.start,
      end: event.end,
      allDay: event.allDay === true,
      ...(event.location ? { location: event.location } : {}),
      ownerId,
      who: decision.who,
      ...(decision.what ? { what: decision.what } : {}),
      invitees,
      fingerprint: ledger.fingerprint,
      sequence: ledger.sequence,
    };
    if (decision.action === 'update' && ledger.crmEventId)
      updates.push({ index, item: { ...item, crmEventId: ledger.crmEventId } });
    else saves.push({ index, item });
  });
  const results = new Map<number, EventWriteResult>();
  const put = <T>(list: { index: number; item: T }[], answers: EventWriteResult[]) =>
    list.forEach((entry, i) => results.set(entry.index, answers[i] ?? { ok: false, error: 'no answer' }));
  if (saves.length > 0) put(saves, await writer.save(saves.map((s) => s.item)));
  if (updates.length > 0) put(updates, await writer.update(updates.map((u) => u.item)));
  if (cancels.length > 0) put(cancels, await writer.cancel(cancels.map((c) => c.item)));
  return results;
}
