/** Rules 8 and 9: internal meetings, and the blacklist on participants with the email rules' policies. */
import { contact, event, eventContext, invitation, ref, required, room, USER } from './builders';
import type { EventContextInput } from './builders';
import { decide, expectSkip, expectWrite, traceText } from './expectations';

const people = [
  contact('c1', 'john@acme.com'),
  contact('c2', 'mary@beta.io'),
  contact('c3', 'kim@ourco.com'),
];
const ctx = (over: EventContextInput = {}) => eventContext({ people, ...over });

describe('rule 8: internal', () => {
  test('rule 8: every participant internal: skipped as internal', () => {
    const d = decide(event({ attendees: [required(USER), required('kim@ourco.com')] }), ctx());
    expectSkip(d, 'internal');
    expect(traceText(d)).toContain('so the meeting is internal');
  });

  test('rule 8: an outside room does not make a meeting external (resources are not participants)', () => {
    const e = event({ attendees: [required('kim@ourco.com'), room('hall@venue.com')] });
    expectSkip(decide(e, ctx()), 'internal');
  });

  test('rule 8: one external participant is enough, even one who declined', () => {
    const e = event({ attendees: [required('kim@ourco.com'), required('john@acme.com', 'declined')] });
    expectSkip(decide(e, ctx()), 'no_known_participant');
  });

  test('rule 8: with no internal domains nothing is internal', () => {
    const d = decide(event({ attendees: [required('kim@ourco.com')] }), ctx({ internalDomains: [] }));
    expectWrite(d, 'save', 'meeting', { who: [ref.contact('c3')] });
  });
});

describe('rule 9: blacklisted', () => {
  test('rule 9: exclude-participant takes blacklisted participants out and keeps the others', () => {
    const e = event({ attendees: [required('john@acme.com'), required('mary@beta.io')] });
    const d = decide(e, ctx({ blacklist: ['john@acme.com'] }));
    expectWrite(d, 'save', 'meeting', { who: [ref.contact('c2')] });
    expect(traceText(d)).toContain('Left out because it is on the blacklist: john@acme.com.');
  });

  test('rule 9: exclude-participant skips when every external participant is blacklisted', () => {
    const e = event({
      attendees: [required('john@acme.com'), required('mary@beta.io'), required('kim@ourco.com')],
    });
    expectSkip(decide(e, ctx({ blacklist: ['acme.com', 'mary@beta.io'] })), 'blacklisted');
  });

  test('rule 9: exclude-participant ignores a blacklisted colleague', () => {
    const e = event({ attendees: [required('john@acme.com'), required('kim@ourco.com')] });
    expectWrite(decide(e, ctx({ blacklist: ['kim@ourco.com'] })), 'save', 'meeting', {
      who: [ref.contact('c1')],
    });
  });

  test('rule 9: skip-email skips the whole meeting for any blacklisted participant, a colleague included', () => {
    const e = event({ attendees: [required('john@acme.com'), required('kim@ourco.com')] });
    const d = decide(e, ctx({ blacklist: ['kim@ourco.com'], settings: { blacklistPolicy: 'skip-email' } }));
    expectSkip(d, 'blacklisted');
    expect(traceText(d)).toContain('your setting skips the whole event when a participant is blacklisted');
  });

  test("rule 9: the user's own addresses are never taken as blacklisted, by address or by domain", () => {
    for (const blacklist of [[USER], ['ourco.com']]) {
      const skipAll = ctx({ blacklist, settings: { blacklistPolicy: 'skip-email' } });
      expectWrite(decide(event(), skipAll), 'save', 'meeting', { who: [ref.contact('c1')] });
    }
  });

  test('rule 9: a blacklisted organizer is left out of an invitation like any participant', () => {
    const e = invitation({ attendees: [required(USER), required('mary@beta.io')] });
    expectWrite(decide(e, ctx({ blacklist: ['acme.com'] })), 'save', 'meeting', { who: [ref.contact('c2')] });
  });

  test('rule 9: a blacklisted room is no concern of the blacklist (rooms are never checked)', () => {
    const e = event({ attendees: [required('john@acme.com'), room('room@spam.biz')] });
    const d = decide(e, ctx({ blacklist: ['spam.biz'], settings: { blacklistPolicy: 'skip-email' } }));
    expectWrite(d, 'save', 'meeting', { who: [ref.contact('c1')] });
  });
});
