// A rep saves a meeting or an appointment by hand (event-rules.md section 6), linked to the records they picked. Only
// rule 6 refuses: `unchanged` (the answer says where it was saved and who owns it), or a cancelled event; an event saved before that has
// changed since is updated, never saved a second time. The write goes through the CRM adapter's event calls, keyed
// by eventKey (a save of a key the CRM has answers the existing event), and is recorded in the event ledger, which
// the calendar sync reads before it writes: the sync never saves it again.
import {
  eventFingerprint,
  eventKey,
  manualEventSave,
  normalizeAddress,
  shareEventContent,
  type CalendarEvent,
  type RecordRef,
  type SavedMeeting,
} from '../../src';
import { eventParticipants } from '../../src/events/event-participants';
import { joinAnd, LEVEL_WORDS } from '../../src/rules/trace-text';
import type { AppDeps } from '../app/app-deps';
import { badRequest, conflict, HttpError } from '../app/http-error';
import { recordEventDecisions } from '../db/event-decision-log';
import { recordEventWrites, savedEventsByKeys, type EventLedgerEntry } from '../db/event-ledger-repo';
import { getSyncSettings } from '../db/settings-repo';
import { listUsers, type User } from '../db/users-repo';
import { assertTakesPart, NOT_READ_YET, openMeeting } from './meeting-event';
import { describeSavedEvent } from './meeting-sidebar-service';

export interface ManualMeetingSave {
  event: CalendarEvent;
  sourceId?: string;
  who: RecordRef[];
  what?: RecordRef;
}

async function alreadySaved(deps: Pick<AppDeps, 'db'>, entry: EventLedgerEntry) {
  const saved = await describeSavedEvent(deps, entry);
  return conflict(
    'already_saved',
    `This meeting is already saved in the CRM (its CRM event belongs to ${saved.owner}) and has not changed since.`,
    { saved },
  );
}

const crmError = (error: string) => new HttpError(502, 'crm_error', `The CRM refused the event: ${error}.`);

export async function saveMeetingManually(
  deps: Pick<AppDeps, 'db' | 'crm'>,
  user: User,
  request: ManualMeetingSave,
): Promise<{ saved: SavedMeeting; action: 'save' | 'update' }> {
  const { event, keyKnown } = await openMeeting(deps, user, request.event, request.sourceId);
  if (!keyKnown) throw conflict('not_read_yet', NOT_READ_YET);
  assertTakesPart(user, event);
  const key = eventKey(event);
  const before = (await savedEventsByKeys(deps.db, [key])).get(key);
  const verdict = manualEventSave(event, before ? [before] : []);
  if (!verdict.allowed) {
    if (verdict.reason === 'unchanged' && before) throw await alreadySaved(deps, before);
    if (verdict.reason === 'cancelled') throw conflict('cancelled', verdict.why);
    throw badRequest(verdict.why);
  }

  const own = new Set(user.addresses.map(normalizeAddress));
  const participants = eventParticipants(event.organizer, event.attendees);
  const kind = participants.some((p) => !own.has(p.address)) ? 'meeting' : 'appointment';
  if (kind === 'meeting' && request.who.length === 0 && !request.what)
    throw badRequest('Pick at least one contact, lead, opportunity or account to link the meeting to.');
  const organizer = normalizeAddress(event.organizer.address);
  const outbound = own.has(organizer);
  const [settings, users] = await Promise.all([getSyncSettings(deps.db, user.id), listUsers(deps.db)]);
  const level = settings.sharing[outbound ? 'outbound' : 'inbound'];
  const content = shareEventContent(event, level, kind);

  // Section 5: the organizer owns it when a user of Liaison; else whoever owns it already; else this user.
  const userOf = new Map(users.flatMap((u) => u.addresses.map((a) => [normalizeAddress(a), u] as const)));
  const owner =
    userOf.get(organizer) ??
    (before?.ownerUserId ? users.find((u) => u.id === before.ownerUserId) : undefined) ??
    user;
  const ownerId = owner.crmUserId || user.crmUserId;
  // Rule 13's colleagues who use the CRM (declined ones left out), and this user, in their calendars; never the owner.
  const invitees = [
    ...new Set([
      ...participants
        .filter((p) => p.response !== 'declined')
        .map((p) => userOf.get(p.address)?.crmUserId ?? ''),
      user.crmUserId,
    ]),
  ].filter((id) => id && id !== ownerId);
  const item = {
    key,
    subject: content.subject,
    body: content.body,
    start: event.start,
    end: event.end,
    allDay: event.allDay,
    ...(event.location ? { location: event.location } : {}),
    showAs: 'busy' as const,
    who: request.who,
    ...(request.what ? { what: request.what } : {}),
    invitees,
    fingerprint: eventFingerprint(event),
    sequence: event.sequence,
  };

  let crmEventId: string;
  if (verdict.action === 'update' && before) {
    const [result] = await deps.crm.updateEvents([{ ...item, id: before.crmEventId }]);
    if (!result?.ok) throw crmError(result && !result.ok ? result.error : 'no answer');
    crmEventId = result.id;
  } else {
    const [result] = await deps.crm.saveEvents([{ ...item, ownerId, origin: 'manual' }]);
    if (!result?.ok) throw crmError(result && !result.ok ? result.error : 'no answer');
    crmEventId = result.id;
    // Saved meanwhile (a colleague's sync, a retry): the CRM answered the existing event; the picked links join it.
    if (!result.created) {
      const [added] = await deps.crm.updateEvents([{ ...item, id: result.id }]);
      if (!added?.ok) throw crmError(added && !added.ok ? added.error : 'no answer');
    }
  }

  // The CRM only adds links on an update: the ledger keeps what the event now has.
  const who = [...(before?.links.who ?? [])];
  for (const r of request.who) if (!who.some((w) => w.kind === r.kind && w.id === r.id)) who.push(r);
  const what = before?.links.what ?? request.what;
  await recordEventWrites(deps.db, [
    {
      key,
      crmEventId,
      subject: content.subject,
      fingerprint: item.fingerprint,
      sequence: item.sequence,
      cancelled: false,
      ownerUserId: owner.id,
      mode: before?.mode ?? 'manual',
      links: { who, invitees, ...(what ? { what } : {}) },
    },
  ]);
  const links = [...request.who, ...(request.what ? [request.what] : [])];
  await recordEventDecisions(deps.db, [
    {
      userId: user.id,
      event,
      key,
      direction: outbound ? 'outbound' : 'inbound',
      decision: {
        action: verdict.action,
        reason: 'manual',
        who: request.who,
        ...(request.what ? { what: request.what } : {}),
        create: [],
        invitees,
        content: level,
        trace: [
          `Saved by hand by ${user.displayName} from the sidebar: a rep may save any ${kind} they take part in ` +
            '(event-rules.md section 6).',
          links.length > 0
            ? `Linked to ${joinAnd(links.map((r) => `${r.kind} ${r.id}`))}, with ${LEVEL_WORDS[level]}.`
            : `Saved to the CRM calendar, with ${LEVEL_WORDS[level]}.`,
        ],
      },
    },
  ]);
  const entry = (await savedEventsByKeys(deps.db, [key])).get(key);
  if (!entry) throw new HttpError(500, 'not_recorded', 'The meeting was saved but could not be recorded.');
  return { saved: await describeSavedEvent(deps, entry), action: verdict.action };
}
