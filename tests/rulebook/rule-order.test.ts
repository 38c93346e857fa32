/** Section 3: rules apply in order and the first that skips gives the reason. Each case fails two rules. */
import { contact, context, message, outbound, ref } from './builders';
import { decide, expectSkip } from './expectations';

const people = [contact('c1', 'john@acme.com')];

describe('rule order: the first rule that skips gives the reason', () => {
  test('rule order: rule 0 before rule 1 (invalid date in drafts)', () => {
    expectSkip(
      decide(message({ folder: 'drafts', sentAt: '2026-02-30T10:00:00Z' }), context({ people })),
      'invalid_message',
    );
  });

  test('rule order: rule 0 before everything (invalid cc on an email already saved, internal, automated)', () => {
    const m = message({ from: 'colleague@ourco.com', cc: ['x'], headers: { 'list-id': 'l' } });
    expectSkip(decide(m, context({ savedMessageIds: ['msg-1@acme.com'] })), 'invalid_message');
  });

  test('rule order: rule 1 before rule 2 (junk folder, not the user message)', () => {
    expectSkip(
      decide(message({ folder: 'junk', to: ['mary@beta.io'] }), context({ people })),
      'excluded_folder',
    );
  });

  test('rule order: rule 2 before rule 3 (not the user message, before connection)', () => {
    const m = message({ to: ['mary@beta.io'], sentAt: '2025-01-01T00:00:00Z' });
    expectSkip(decide(m, context({ people })), 'not_users_message');
  });

  test('rule order: rule 3 before rule 4 (before connection, already saved)', () => {
    const m = message({ sentAt: '2025-01-01T00:00:00Z' });
    expectSkip(decide(m, context({ people, savedMessageIds: ['<msg-1@acme.com>'] })), 'before_connection');
  });

  test('rule order: rule 4 before rule 4a (already saved, automated)', () => {
    const m = message({ headers: { 'auto-submitted': 'auto-replied' } });
    expectSkip(decide(m, context({ people, savedMessageIds: ['<msg-1@acme.com>'] })), 'already_saved');
  });

  test('rule order: rule 4a before rule 5 (automated, autoshare off)', () => {
    const m = message({ headers: { precedence: 'list' } });
    expectSkip(decide(m, context({ people, settings: { autoshareEmails: false } })), 'automated');
  });

  test('rule order: rule 5 before rule 6 (autoshare off, internal)', () => {
    const m = message({ from: 'colleague@ourco.com' });
    expectSkip(decide(m, context({ settings: { autoshareEmails: false } })), 'autoshare_off');
  });

  test('rule order: rule 6 before rule 7 (internal, every participant blacklisted under skip-email)', () => {
    const m = message({ from: 'colleague@ourco.com' });
    const ctx = context({ blacklist: ['ourco.com'], settings: { blacklistPolicy: 'skip-email' } });
    expectSkip(decide(m, ctx), 'internal');
  });

  test('rule order: rule 7 before rule 10 (blacklisted, nobody known)', () => {
    expectSkip(decide(message(), context({ blacklist: ['acme.com'] })), 'blacklisted');
  });

  test('rule order: rule 7 under skip-email before rule 10 (blacklisted Cc, nobody known)', () => {
    const ctx = context({ blacklist: ['beta.io'], settings: { blacklistPolicy: 'skip-email' } });
    expectSkip(decide(message({ cc: ['mary@beta.io'] }), ctx), 'blacklisted');
  });

  test('rule order: rule 10 before rule 11 (nobody known, no opportunity or account)', () => {
    const ctx = context({ settings: { linkToOpportunities: true } });
    expectSkip(decide(message(), ctx), 'no_known_participant');
  });

  test('rule order: a message passing every rule is saved (control)', () => {
    const d = decide(outbound(), context({ people }));
    expect({ action: d.action, reason: d.reason, who: d.who }).toEqual({
      action: 'save',
      reason: 'autoshare',
      who: [ref.contact('c1')],
    });
  });
});
