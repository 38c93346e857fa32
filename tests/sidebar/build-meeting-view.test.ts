import { buildMeetingView, eventFingerprint, eventKey, manualEventSave } from '../../src';
import {
  appointment,
  event,
  eventContext,
  invitation,
  optional,
  required,
  room,
  savedEvent,
  USER,
} from '../events/builders';

// event-rules.md section 6: the sidebars' view of an open meeting. The people come from the same matching as an
// email's; the autosharing line is decideEventAutoshare's decision in words; only rule 6's `unchanged` refuses a
// save by hand.

const details = {
  'contact:c1': { name: 'John Smith', title: 'CFO' },
  'account:a1': { name: 'Acme' },
};

describe('buildMeetingView', () => {
  test('participants in order with their roles; the user, rooms and equipment never appear as people', () => {
    const view = buildMeetingView(
      invitation({
        organizer: { address: 'john@acme.com', name: 'John' },
        attendees: [
          required(USER),
          room('boardroom@ourco.com'),
          { address: 'projector@ourco.com', name: 'Projector', type: 'resource', response: 'none' },
          optional('new.person@globex.com'),
        ],
      }),
      eventContext(),
      { details },
    );
    expect(view.kind).toBe('meeting');
    expect(view.people.map((p) => [p.name, p.field, p.address])).toEqual([
      ['John Smith', 'organizer', 'john@acme.com'],
    ]);
    expect(view.people[0]!.account?.name).toBe('Acme');
    expect(view.resources).toEqual(['boardroom@ourco.com', 'Projector']);
    // The room is not a New record either; the unknown external attendee is.
    expect(view.suggestions.map((s) => [s.address, s.field, s.kind])).toEqual([
      ['new.person@globex.com', 'optional', 'lead'],
    ]);
  });

  test('rule 14: the line says what the sync will save and links, by name; the trace names records, never ids', () => {
    const view = buildMeetingView(invitation(), eventContext(), { details });
    expect(view.autoshare.decision.action).toBe('save');
    expect(view.autoshare.line).toBe('Will be saved at the next sync, linked to John Smith.');
    expect(view.autoshare.willSave).toBe(true);
    expect(view.people[0]!.linkedByAutoshare).toBe(true);
    expect(view.autoshare.trace.join(' ')).toContain('John Smith');
    expect(view.autoshare.trace.join(' ')).not.toMatch(/\bc1\b/);
    expect(view.manualSave).toEqual({ allowed: true, action: 'save' });
  });

  test('rule 7: meetings auto-sharing off says so; a save by hand is still allowed', () => {
    const view = buildMeetingView(invitation(), eventContext({ settings: { autoshareMeetings: false } }), {
      details,
    });
    expect(view.autoshare.line).toBe("Won't be saved: meetings auto-sharing is off.");
    expect(view.autoshare.willSave).toBe(false);
    expect(view.manualSave.allowed).toBe(true);
  });

  test('rule 7: an appointment goes to the own CRM calendar and links no one', () => {
    const view = buildMeetingView(appointment(), eventContext());
    expect(view.kind).toBe('appointment');
    expect(view.people).toEqual([]);
    expect(view.resources).toEqual(['room-1@ourco.com']);
    expect(view.autoshare.line).toBe('Will be saved in your CRM calendar at the next sync.');
  });

  test('rule 8: an internal meeting is not saved, in words', () => {
    const view = buildMeetingView(
      event({ attendees: [required(USER), required('pat@ourco.com')] }),
      eventContext(),
    );
    expect(view.autoshare.line).toBe("Won't be saved: internal meeting.");
    expect(view.suggestions).toEqual([]); // colleagues are never New records
  });

  test('rule 6 unchanged: already saved, by whom; a save by hand is refused', () => {
    const e = invitation();
    const saved = {
      crmEventId: 'ev1',
      savedAt: '2026-02-01T00:00:00Z',
      owner: 'Sam Seller',
      mode: 'automatic' as const,
      links: [{ kind: 'contact' as const, id: 'c1' }],
      cancelled: false,
    };
    const view = buildMeetingView(
      e,
      eventContext({ savedEvents: [savedEvent(eventKey(e), eventFingerprint(e))] }),
      { details, saved },
    );
    expect(view.alreadySaved).toBe(true);
    expect(view.saved?.owner).toBe('Sam Seller');
    expect(view.names['contact:c1']).toBe('John Smith');
    expect(view.autoshare.line).toBe('Already saved to the CRM, and unchanged since.');
    expect(view.manualSave.allowed).toBe(false);
  });

  test('rule 6 changed since: a save by hand updates the saved CRM event', () => {
    const e = invitation();
    const view = buildMeetingView(e, eventContext({ savedEvents: [savedEvent(eventKey(e), 'older')] }));
    expect(view.manualSave).toEqual({ allowed: true, action: 'update' });
    expect(view.autoshare.line).toBe(
      'Will be updated in the CRM at the next sync, linked to a contact (name not available).',
    );
  });

  test('rule 6: an older copy (lower sequence) is refused like an unchanged one', () => {
    const e = invitation({ sequence: 1 });
    expect(manualEventSave(e, [savedEvent(eventKey(e), 'other', { sequence: 2 })])).toMatchObject({
      allowed: false,
      reason: 'unchanged',
    });
  });

  test('rule 9: a blacklisted attendee is hidden and counted', () => {
    const view = buildMeetingView(
      invitation({ attendees: [required(USER), required('x@spam.biz')] }),
      eventContext({ blacklist: ['spam.biz'] }),
    );
    expect(view.hiddenBlacklisted).toBe(1);
    expect(view.suggestions).toEqual([]);
  });

  test('rule 0: a malformed event gives a view that refuses a save and never throws', () => {
    const view = buildMeetingView(event({ end: 'tomorrow' }), eventContext());
    expect(view.autoshare.decision.reason).toBe('invalid_event');
    expect(view.autoshare.line).toBe("Won't be saved: malformed event.");
    expect(view.manualSave.allowed).toBe(false);
  });

  test('rule 6: a cancelled meeting says so, and is not saved by hand', () => {
    const e = invitation({ status: 'cancelled' });
    const view = buildMeetingView(e, eventContext({ savedEvents: [savedEvent(eventKey(e), 'x')] }));
    expect(view.cancelled).toBe(true);
    expect(view.autoshare.line).toBe('Will be marked cancelled in the CRM at the next sync.');
    expect(view.manualSave.allowed).toBe(false);
    expect(manualEventSave(e, [])).toMatchObject({ allowed: false, reason: 'cancelled' });
  });
});
