import type { RecordRef, SharingLevel, SyncSettings } from '../types';
import { factsOfEach } from '../rules/address-facts';
import { blacklistRule } from '../rules/blacklist-rule';
import { contentLevel } from '../rules/content-level-rule';
import { indexContext } from '../rules/context-index';
import { createContactsRule } from '../rules/create-contacts-rule';
import { internalRule } from '../rules/internal-rule';
import { matchingRule } from '../rules/matching-rule';
import type { Mode } from '../rules/mode-rule';
import { contactAccountsInOrder, relatedRecordRule } from '../rules/related-record-rule';
import { skip, type RuleResult } from '../rules/rule-result';
import { joinAnd } from '../rules/trace-text';
import { calendarRule, declinedRule, privateRule, usersEventRule } from './event-gate-rules';
import { indexEventContext } from './event-index';
import { eventKey } from './event-key';
import { eventContentSentence } from './event-level-rule';
import { eventModeRule } from './event-mode-rule';
import { eventParticipants } from './event-participants';
import { savedRule } from './event-saved-rule';
import type { CalendarEvent, EventContext, EventDecision, EventKind, EventSkipReason } from './event-types';
import { windowRule } from './event-window-rule';
import { inviteesRule } from './invitees-rule';
import { readEvent } from './read-event';

// event-rules.md section 3: rules 0 to 14 in order, the first that decides gives the reason. Normalising, internal
// participants, the blacklist, matching, creating contacts and the related record are the email rules' own
// (src/rules), applied to the event's participants. Pure: no I/O, no clock (`ctx.now` is given), never throws.

const NO_SETTINGS: Partial<SyncSettings> = {};
const AUTOSHARE: Mode = { kind: 'autoshare' };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function skipped(
  reason: EventSkipReason,
  kind: EventKind,
  key: string,
  content: SharingLevel,
  trace: string[],
): EventDecision {
  return { action: 'skip', reason, kind, key, who: [], create: [], invitees: [], content, trace };
}

export function decideEventAutoshare(event: CalendarEvent, ctx: EventContext): EventDecision {
  const safe: Partial<EventContext> = isObject(ctx) ? ctx : {};
  const settings: Partial<SyncSettings> = isObject(safe.settings) ? safe.settings : NO_SETTINGS;
  const index = indexContext(ctx);
  const events = indexEventContext(ctx);
  const key = eventKey(event);
  const trace: string[] = [];

  const read = readEvent(event);
  if (!read.ok) {
    // What could still be read says which level would apply and what kind of event it looks like.
    const loose = isObject(event) ? eventParticipants(event.organizer, event.attendees) : [];
    const kind: EventKind = loose.some((p) => !index.own.has(p.address)) ? 'meeting' : 'appointment';
    const outbound = loose[0]?.role === 'organizer' && index.own.has(loose[0].address);
    trace.push(skip('invalid_event', `the event is malformed: ${read.problems.join('; ')}.`).sentence);
    return skipped('invalid_event', kind, key, contentLevel(outbound, settings.sharing), trace);
  }
  const e = read.event;
  const outbound = index.own.has(e.organizer);
  const content = contentLevel(outbound, settings.sharing);
  const kind: EventKind = e.participants.some((p) => !index.own.has(p.address)) ? 'meeting' : 'appointment';
  trace.push(`The ${kind} is well formed.`);

  // Rules 1 to 5, each either passing with a sentence or skipping.
  for (let rule = 1; rule <= 5; rule++) {
    const result: RuleResult<EventSkipReason> =
      rule === 1
        ? calendarRule(e)
        : rule === 2
          ? usersEventRule(e, index)
          : rule === 3
            ? privateRule(e)
            : rule === 4
              ? declinedRule(e, index)
              : windowRule(e, index, events, safe.connectedAt);
    trace.push(result.sentence);
    if (result.skip !== undefined) return skipped(result.skip, kind, key, content, trace);
  }

  // Rule 6: saved already? A cancellation stops here, whatever the kind and the settings.
  const saved = savedRule(e, key, events);
  trace.push(saved.result.sentence);
  if (saved.result.skip !== undefined) return skipped(saved.result.skip, kind, key, content, trace);
  if (saved.cancel) {
    trace.push(eventContentSentence('cancel', kind, outbound, content, []));
    return {
      action: 'cancel',
      reason: 'cancelled',
      kind,
      key,
      who: [],
      create: [],
      invitees: [],
      content,
      trace,
    };
  }
  const action = saved.update ? 'update' : 'save';

  // Rule 7: the switch for the kind; an appointment goes to the user's own calendar, linked to no one.
  const mode = eventModeRule(kind, settings);
  trace.push(mode.sentence);
  if (mode.skip !== undefined) return skipped(mode.skip, kind, key, content, trace);
  if (kind === 'appointment') {
    trace.push(eventContentSentence(action, kind, outbound, content, []));
    return { action, reason: 'appointment', kind, key, who: [], create: [], invitees: [], content, trace };
  }

  // Rules 8 and 9: internal meetings, the blacklist (the email rules 6 and 7, on participants).
  const participants = e.participants;
  const facts = factsOfEach(index, participants);
  const internal = internalRule(participants, facts, index, 'meeting');
  trace.push(internal.sentence);
  if (internal.skip !== undefined) return skipped(internal.skip, kind, key, content, trace);
  const blacklist = blacklistRule(participants, facts, settings.blacklistPolicy, 'event');
  trace.push(blacklist.result.sentence);
  if (blacklist.result.skip !== undefined) return skipped(blacklist.result.skip, kind, key, content, trace);

  // Rule 10: matching and creating (the email rules 8 and 9), without the attendees who declined.
  let candidates = blacklist.candidates;
  if (candidates.some((c) => c.participant.response === 'declined')) {
    const declined = candidates.filter((c) => c.participant.response === 'declined');
    candidates = candidates.filter((c) => c.participant.response !== 'declined');
    const names = joinAnd(declined.map((c) => c.participant.address));
    trace.push(
      `Left out because ${declined.length === 1 ? 'this attendee' : 'these attendees'} declined: ${names}.`,
    );
  }
  const matching = matchingRule(candidates);
  trace.push(matching.sentence);
  const planned = createContactsRule(matching.unmatched, settings.autoCreateContacts === true);
  if (planned.sentence) trace.push(planned.sentence);
  const who: RecordRef[] = matching.who;

  // Rule 11: nothing to link.
  if (who.length === 0 && planned.create.length === 0) {
    trace.push(
      skip(
        'no_known_participant',
        'no participant is a known contact or lead, and no contact is created, so there is nothing to link the meeting to.',
      ).sentence,
    );
    return skipped('no_known_participant', kind, key, content, trace);
  }

  // Rule 12: the related record (the email rule 11 in mode autoshare, participants in their order).
  const crmUserId = isObject(safe.user) ? safe.user.crmUserId : undefined;
  const related = relatedRecordRule(
    AUTOSHARE,
    contactAccountsInOrder(candidates, matching.contacts, planned.create),
    index,
    settings.linkToOpportunities === true,
    crmUserId,
    'event',
  );
  trace.push(related.result.sentence);
  if (related.result.skip !== undefined) return skipped(related.result.skip, kind, key, content, trace);

  // Rule 13: colleagues who use the CRM.
  const invitees = inviteesRule(participants, facts, events, crmUserId);
  trace.push(invitees.sentence);

  // Rule 14: content by direction; its sentence also says what the save links.
  const links: string[] = [];
  for (const r of who) links.push(`${r.kind} ${r.id}`);
  const create: EventDecision['create'] = [];
  for (const c of planned.create) {
    links.push(`a new contact for ${c.address}`);
    create.push({ address: c.address, accountId: c.accountId });
  }
  if (related.what) links.push(`${related.what.kind} ${related.what.id}`);
  trace.push(eventContentSentence(action, kind, outbound, content, links));
  const decision: EventDecision = {
    action,
    reason: 'meeting',
    kind,
    key,
    who,
    create,
    invitees: invitees.invitees,
    content,
    trace,
  };
  if (related.what) decision.what = related.what;
  return decision;
}
