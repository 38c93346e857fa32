/**
 * Rule 6 (already saved, cancelled, unchanged, update) and section 5: one meeting is one CRM event for the whole
 * organisation, whichever colleague's calendar shows it; a stale copy changes nothing; occurrences are their own.
 */
import { eventFingerprint, eventKey } from '../../src';
import type { CalendarEvent, SavedEvent } from '../../src';
import { appointment, event, eventContext, invitation, ref, required, savedEvent, USER } from './builders';
import { decide, expectSkip, expectWrite, traceText } from './expectations';

const john = [ref.contact('c1')];
const savedAs = (e: CalendarEvent, extra: Partial<SavedEvent> = {}) =>
  eventContext({
    savedEvents: [savedEvent(eventKey(e), eventFingerprint(e), { sequence: e.sequence, ...extra })],
  });

describe('rule 6: cancelled', () => {
  test('rule 6: a cancelled event never saved: skip with cancelled', () => {
    const d = decide(event({ status: 'cancelled' }), eventContext());
    expectSkip(d, 'cancelled');
    expect(traceText(d)).toContain('was never saved in the CRM');
  });

  test('rule 6: a cancelled event saved and not yet cancelled: cancel, with nothing linked', () => {
    const e = event();
    const d = decide({ ...e, status: 'cancelled', sequence: 1 }, savedAs(e));
    expect({ action: d.action, reason: d.reason, kind: d.kind }).toEqual({
      action: 'cancel',
      reason: 'cancelled',
      kind: 'meeting',
    });
    expect(d).toMatchObject({ who: [], create: [], invitees: [], content: 'full', key: 'evt-1@ourco.com' });
    expect(d.what).toBeUndefined();
    expect(traceText(d)).toContain('marked cancelled (it is never deleted)');
    expect(d.trace.at(-1)).toMatch(/^Marks the saved CRM event cancelled; it keeps full content \(/);
  });

  test('rule 6: a cancelled event already written as cancelled: skip with cancelled', () => {
    const e = event({ status: 'cancelled' });
    expectSkip(decide(e, savedAs(e, { cancelled: true })), 'cancelled');
  });

  test('rule 6: a cancellation applies whatever the settings (rules 7 to 14 are not applied)', () => {
    const e = event();
    const ctx = eventContext({
      savedEvents: [savedEvent(eventKey(e), eventFingerprint(e))],
      settings: { autoshareMeetings: false },
      blacklist: ['acme.com'],
    });
    expect(decide({ ...e, status: 'cancelled' }, ctx).action).toBe('cancel');
    const appt = appointment();
    const apptCtx = eventContext({
      savedEvents: [savedEvent(eventKey(appt), eventFingerprint(appt))],
      settings: { autoshareAppointments: false },
    });
    const d = decide({ ...appt, status: 'cancelled' }, apptCtx);
    expect({ action: d.action, reason: d.reason, kind: d.kind }).toEqual({
      action: 'cancel',
      reason: 'cancelled',
      kind: 'appointment',
    });
  });

  test('rule 6: a cancelled event the user declined stays as it was (rule 4 first)', () => {
    const e = invitation();
    const declined = {
      ...e,
      status: 'cancelled' as const,
      attendees: [required('john@acme.com'), required(USER, 'declined')],
    };
    expectSkip(decide(declined, savedAs(e)), 'declined');
  });
});

describe('rule 6: unchanged and update', () => {
  test('rule 6: saved with the same fingerprint: unchanged', () => {
    const e = event();
    const d = decide(e, savedAs(e));
    expectSkip(d, 'unchanged');
    expect(traceText(d)).toContain('has not changed since');
  });

  test('rule 6: responses and attendee order do not make it changed', () => {
    const e = event({ attendees: [required(USER), required('john@acme.com', 'none')] });
    const reordered = { ...e, attendees: [required('JOHN@acme.com', 'tentative'), required(USER)] };
    expectSkip(decide(reordered, savedAs(e)), 'unchanged');
  });

  test('rule 6: saved with another fingerprint: update, when the rules below let it through', () => {
    const e = event();
    const d = decide({ ...e, subject: 'Quarterly review (moved)', sequence: 1 }, savedAs(e));
    expectWrite(d, 'update', 'meeting', { who: john });
    expect(traceText(d)).toContain('the saved CRM event will be updated');
    expect(d.trace.at(-1)).toMatch(/^Updates the saved CRM event, linked to contact c1,/);
  });

  test('rule 6: a changed event that the rules below skip is left as it is (skip, not update)', () => {
    const e = event();
    const off = eventContext({
      savedEvents: [savedEvent(eventKey(e), eventFingerprint(e))],
      settings: { autoshareMeetings: false },
    });
    expectSkip(decide({ ...e, subject: 'Changed' }, off), 'meetings_off');
  });

  test('rule 6: a stale copy (lower sequence) is unchanged even with another fingerprint', () => {
    const e = event({ sequence: 4 });
    const old = { ...e, sequence: 3, start: '2026-03-02T09:00:00Z' };
    const d = decide(old, savedAs(e));
    expectSkip(d, 'unchanged');
    expect(traceText(d)).toContain('an older copy (sequence 3) of an event saved in the CRM at sequence 4');
  });

  test('rule 6: the same sequence with another fingerprint is an update', () => {
    const e = event({ sequence: 2 });
    expect(decide({ ...e, location: 'Room 4' }, savedAs(e)).action).toBe('update');
  });

  test('rule 6: an appointment changed since it was saved is updated, linked to no one', () => {
    const a = appointment();
    expectWrite(decide({ ...a, end: '2026-03-02T12:00:00Z' }, savedAs(a)), 'update', 'appointment');
  });

  test('rule 6: duplicate saved entries for one key: the latest sequence decides, whatever their order', () => {
    const e = event({ sequence: 2 });
    const entries = [
      savedEvent(eventKey(e), 'old', { sequence: 1 }),
      savedEvent(eventKey(e), eventFingerprint(e), { sequence: 2 }),
    ];
    expectSkip(decide(e, eventContext({ savedEvents: entries })), 'unchanged');
    expectSkip(decide(e, eventContext({ savedEvents: [...entries].reverse() })), 'unchanged');
  });
});

describe('section 5: one meeting, one CRM event, for the whole organisation', () => {
  const organised = event({
    attendees: [required(USER), required('kim@ourco.com'), required('john@acme.com')],
  });
  // Kim's copy of the same meeting, as her calendar gives it: same uid (padded), other zone, her own response.
  const kimsCopy: CalendarEvent = {
    ...organised,
    uid: ' evt-1@ourco.com ',
    start: '2026-03-02T11:00:00+01:00',
    end: '2026-03-02T12:00:00+01:00',
    attendees: [
      required('kim@ourco.com', 'accepted'),
      required(USER, 'none'),
      required('john@acme.com', 'tentative'),
    ],
  };
  const kim = eventContext({
    user: { id: 'u2', addresses: ['kim@ourco.com'], crmUserId: 'crm-kim' },
    savedEvents: [savedEvent(eventKey(organised), eventFingerprint(organised))],
  });

  test("section 5: a colleague's copy has the same key and fingerprint, so it is unchanged", () => {
    expect(eventKey(kimsCopy)).toBe(eventKey(organised));
    expect(eventFingerprint(kimsCopy)).toBe(eventFingerprint(organised));
    expectSkip(decide(kimsCopy, kim), 'unchanged');
  });

  test('section 5: the first sync to see a meeting saves it; a later copy with another fingerprint updates it', () => {
    const first = decide(kimsCopy, eventContext({ user: kim.user }));
    expectWrite(first, 'save', 'meeting', { who: john });
    const moved = {
      ...kimsCopy,
      sequence: 1,
      start: '2026-03-02T12:00:00+01:00',
      end: '2026-03-02T13:00:00+01:00',
    };
    expectWrite(decide(moved, kim), 'update', 'meeting', { who: john });
  });

  test("section 5: a colleague's stale copy after the organizer moved the meeting changes nothing", () => {
    const moved = { ...organised, sequence: 2, start: '2026-03-03T10:00:00Z', end: '2026-03-03T11:00:00Z' };
    const ctx = eventContext({
      user: kim.user,
      savedEvents: [savedEvent(eventKey(moved), eventFingerprint(moved), { sequence: 2 })],
    });
    expectSkip(decide({ ...kimsCopy, sequence: 1 }, ctx), 'unchanged');
  });

  test('section 5: an occurrence of a series is an event of its own, whatever the zone of its recurrenceId', () => {
    const occurrence = event({ recurrenceId: '2026-03-02T11:00:00+01:00' });
    expect(eventKey(occurrence)).toBe('evt-1@ourco.com|2026-03-02T10:00:00Z');
    const seriesSaved = eventContext({
      savedEvents: [savedEvent(eventKey(event()), eventFingerprint(occurrence))],
    });
    expectWrite(decide(occurrence, seriesSaved), 'save', 'meeting', { who: john });
    const sameOccurrence = eventContext({
      savedEvents: [savedEvent('evt-1@ourco.com|2026-03-02T10:00:00Z', eventFingerprint(occurrence))],
    });
    expectSkip(decide({ ...occurrence, recurrenceId: '2026-03-02T10:00:00Z' }, sameOccurrence), 'unchanged');
  });

  test("section 5: the key keeps the uid's case: two uids differing in case are two events", () => {
    const e = event({ uid: 'ABC' });
    expectWrite(
      decide(e, eventContext({ savedEvents: [savedEvent('abc', eventFingerprint(e))] })),
      'save',
      'meeting',
      {
        who: john,
      },
    );
  });
});
