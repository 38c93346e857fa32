/** Rules 13 and 14: colleagues who use the CRM, and the content level by direction. */
import { event, eventContext, invitation, ref, required, USER, USER_ALIAS } from './builders';
import type { EventContextInput } from './builders';
import { decide, expectSkip, expectWrite, traceText } from './expectations';

const crmUsers = [
  { address: 'kim@ourco.com', crmUserId: 'crm-kim' },
  { address: 'lee@ourco.com', crmUserId: 'crm-lee' },
  { address: USER, crmUserId: 'crm-u1' },
  { address: 'john@acme.com', crmUserId: 'crm-partner' },
];
const ctx = (over: EventContextInput = {}) => eventContext({ crmUsers, ...over });
const john = [ref.contact('c1')];

describe('rule 13: invitees', () => {
  test('rule 13: colleagues who use the CRM, in participant order, the user excluded', () => {
    const e = event({
      attendees: [
        required(USER),
        required('lee@ourco.com'),
        required('john@acme.com'),
        required('kim@ourco.com'),
      ],
    });
    const d = decide(e, ctx());
    // john@acme.com is a CRM user too here (a partner with a CRM login): every participant counts.
    expectWrite(d, 'save', 'meeting', { who: john, invitees: ['crm-lee', 'crm-partner', 'crm-kim'] });
    expect(traceText(d)).toContain(
      'It also shows in the CRM calendar of your colleagues crm-lee, crm-partner and crm-kim',
    );
  });

  test('rule 13: the organizer counts; declined and blacklisted participants do not', () => {
    const e = invitation({
      organizer: 'kim@ourco.com',
      attendees: [required(USER), required('john@acme.com'), required('lee@ourco.com', 'declined')],
    });
    expectWrite(decide(e, ctx()), 'save', 'meeting', { who: john, invitees: ['crm-kim', 'crm-partner'] });
    const blacklisted = ctx({ blacklist: ['kim@ourco.com'] });
    expectWrite(decide(e, blacklisted), 'save', 'meeting', { who: john, invitees: ['crm-partner'] });
  });

  test("rule 13: addresses compare normalised; each CRM user once; the user's own CRM id never", () => {
    const users = [
      { address: ' KIM@ourco.com ', crmUserId: 'crm-kim' },
      { address: 'kim.alias@ourco.com', crmUserId: 'crm-kim' },
      { address: USER_ALIAS, crmUserId: 'crm-u1' },
    ];
    const e = event({
      attendees: [required('kim@ourco.com'), required('kim.alias@ourco.com'), required('john@acme.com')],
    });
    const d = decide(e, eventContext({ crmUsers: users }));
    expectWrite(d, 'save', 'meeting', { who: john, invitees: ['crm-kim'] });
    expect(traceText(d)).toContain('your colleague crm-kim, who takes part in it.');
  });

  test('rule 13: no colleague who uses the CRM: no invitees, and the trace says so', () => {
    const d = decide(event(), eventContext());
    expectWrite(d, 'save', 'meeting', { who: john });
    expect(traceText(d)).toContain('No other colleague who uses the CRM takes part in it.');
  });

  test('rule 13: a skip has no invitees', () => {
    expectSkip(decide(event(), ctx({ settings: { autoshareMeetings: false } })), 'meetings_off');
  });
});

describe('rule 14: content', () => {
  test('rule 14: outbound level when the user organises, inbound when invited; the reason is meeting', () => {
    const levels = eventContext({ settings: { sharing: { inbound: 'metadata', outbound: 'subject' } } });
    const mine = decide(event(), levels);
    expect({ reason: mine.reason, content: mine.content }).toEqual({ reason: 'meeting', content: 'subject' });
    expect(mine.trace.at(-1)).toBe(
      'Saved as a CRM event, linked to contact c1, with subject and metadata: your level for what you send, as you organise it.',
    );
    const theirs = decide(invitation(), levels);
    expect({ reason: theirs.reason, content: theirs.content }).toEqual({
      reason: 'meeting',
      content: 'metadata',
    });
    expect(theirs.trace.at(-1)).toContain('your level for what you receive, as you were invited');
  });

  test('rule 14: a missing or unknown level shares the least', () => {
    const unknown = eventContext({
      settings: { sharing: { inbound: 'everything', outbound: 'full' } as never },
    });
    expect(decide(invitation(), unknown).content).toBe('metadata');
  });

  test('rule 14: a skip still carries the level that would apply', () => {
    const d = decide(event(), eventContext({ settings: { autoshareMeetings: false } }));
    expect(d.content).toBe('full');
  });
});
