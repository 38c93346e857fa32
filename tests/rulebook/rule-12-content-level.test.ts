/** Rule 12: the content level follows the direction; on skip it is still the level that would apply. */
import { contact, context, message, outbound, ref, USER_ALIAS } from './builders';
import type { SharingLevel } from '../../src';
import { decide, expectSave, expectSkip } from './expectations';

const sharing = (inbound: SharingLevel, outbound: SharingLevel) =>
  context({ people: [contact('c1', 'john@acme.com')], settings: { sharing: { inbound, outbound } } });

describe('rule 12: content', () => {
  test.each(['metadata', 'subject', 'full'] as const)(
    'rule 12: an inbound message gets sharing.inbound = %s',
    (level) => {
      const other: SharingLevel = level === 'full' ? 'metadata' : 'full';
      const d = decide(message(), sharing(level, other));
      expectSave(d, 'autoshare', { who: [ref.contact('c1')] });
      expect(d.content).toBe(level);
    },
  );

  test.each(['metadata', 'subject', 'full'] as const)(
    'rule 12: an outbound message gets sharing.outbound = %s',
    (level) => {
      const other: SharingLevel = level === 'full' ? 'metadata' : 'full';
      const d = decide(outbound(), sharing(other, level));
      expectSave(d, 'autoshare', { who: [ref.contact('c1')] });
      expect(d.content).toBe(level);
    },
  );

  test("rule 12: sent from the user's second address is outbound", () => {
    const d = decide(outbound({ from: USER_ALIAS }), sharing('metadata', 'full'));
    expect(d.content).toBe('full');
  });

  test("rule 12: the sender compares case-insensitively with the user's addresses", () => {
    const d = decide(outbound({ from: ' Rep@OURCO.com ' }), sharing('metadata', 'full'));
    expectSave(d, 'autoshare', { who: [ref.contact('c1')] });
    expect(d.content).toBe('full');
  });

  test('rule 12: the user in To only is inbound', () => {
    expect(decide(message(), sharing('subject', 'full')).content).toBe('subject');
  });

  test('section 1: on skip the content is still the inbound level that would apply', () => {
    const d = decide(message({ folder: 'junk' }), sharing('metadata', 'full'));
    expectSkip(d, 'excluded_folder');
    expect(d.content).toBe('metadata');
  });

  test('section 1: on skip the content is still the outbound level that would apply', () => {
    const d = decide(outbound({ folder: 'drafts' }), sharing('metadata', 'subject'));
    expectSkip(d, 'excluded_folder');
    expect(d.content).toBe('subject');
  });

  test.each([
    ['not_users_message', message({ to: ['mary@beta.io'] })],
    ['before_connection', message({ sentAt: '2025-01-01T00:00:00Z' })],
    ['automated', message({ headers: { precedence: 'bulk' } })],
    ['no_known_participant', message({ from: 'stranger@zeta.com' })],
  ] as const)('section 1: on %s skip the content is the inbound level', (reason, m) => {
    const d = decide(m, sharing('subject', 'metadata'));
    expectSkip(d, reason);
    expect(d.content).toBe('subject');
  });
});
