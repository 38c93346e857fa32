/** Rule 7: meetings and appointments each need their own switch; an appointment goes to the user's own calendar. */
import { appointment, event, eventContext, ref, required, room } from './builders';
import { decide, expectSkip, expectWrite, traceText } from './expectations';

describe('rule 7: mode', () => {
  test('rule 7: a meeting needs autoshareMeetings, else meetings_off', () => {
    expectWrite(decide(event(), eventContext()), 'save', 'meeting', { who: [ref.contact('c1')] });
    const d = decide(event(), eventContext({ settings: { autoshareMeetings: false } }));
    expectSkip(d, 'meetings_off');
    expect(d.kind).toBe('meeting');
    expect(traceText(d)).toContain('auto-sharing of meetings is off in your settings');
  });

  test('rule 7: an appointment needs autoshareAppointments, else appointments_off', () => {
    const d = decide(appointment(), eventContext({ settings: { autoshareAppointments: false } }));
    expectSkip(d, 'appointments_off');
    expect(d.kind).toBe('appointment');
  });

  test('rule 7: each switch only governs its own kind', () => {
    const meetingsOnly = eventContext({ settings: { autoshareAppointments: false } });
    expect(decide(event(), meetingsOnly).action).toBe('save');
    const appointmentsOnly = eventContext({ settings: { autoshareMeetings: false } });
    expect(decide(appointment(), appointmentsOnly).action).toBe('save');
  });

  test('rule 7: settings without the switches (written before them) read as off', () => {
    const ctx = eventContext();
    const legacy = { ...ctx, settings: { ...ctx.settings } } as typeof ctx;
    delete (legacy.settings as Partial<typeof ctx.settings>).autoshareMeetings;
    delete (legacy.settings as Partial<typeof ctx.settings>).autoshareAppointments;
    expectSkip(decide(event(), legacy), 'meetings_off');
    expectSkip(decide(appointment(), legacy), 'appointments_off');
  });

  test('rule 7: an appointment is saved with reason appointment, linked to no one, rules 8 to 12 not applied', () => {
    // Internal-only, blacklisted and unknown would each skip a meeting; an appointment is none of their business.
    const ctx = eventContext({
      blacklist: ['ourco.com'],
      settings: { blacklistPolicy: 'skip-email', linkToOpportunities: true },
      crmUsers: [{ address: 'room-1@ourco.com', crmUserId: 'crm-room' }],
    });
    const d = decide(appointment({ attendees: [room('room-1@ourco.com')] }), ctx);
    expectWrite(d, 'save', 'appointment');
    expect(d.content).toBe('full'); // the user organises it: outbound
    expect(d.trace.at(-1)).toMatch(/^Saved as an event in your own CRM calendar with full content/);
  });

  test('rule 7: the user with a declined colleague is still a meeting (a participant other than the user)', () => {
    const d = decide(event({ attendees: [required('kim@ourco.com', 'declined')] }), eventContext());
    expect(d.kind).toBe('meeting');
    expectSkip(d, 'internal');
  });
});
