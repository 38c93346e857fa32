/** Rule 9: unknown external people at a known company's domain become new contacts. */
import { account, contact, context, lead, message, outbound, ref } from './builders';
import type { ContextInput } from './builders';
import { decide, expectSave, expectSkip } from './expectations';

const amazon = account('a1', 'amazon.com');
const creating = (over: ContextInput = {}) =>
  context({ accounts: [amazon], ...over, settings: { autoCreateContacts: true, ...over.settings } });

describe('rule 9: creating contacts', () => {
  test('rule 9: john@amazon.com is created under amazon.com; john@amazon.ca is not', () => {
    expectSave(decide(message({ from: 'john@amazon.com' }), creating()), 'autoshare', {
      create: [{ address: 'john@amazon.com', accountId: 'a1' }],
    });
    expectSkip(decide(message({ from: 'john@amazon.ca' }), creating()), 'no_known_participant');
  });

  test('rule 9: nothing is created with autoCreateContacts off', () => {
    const ctx = creating({ settings: { autoCreateContacts: false } });
    expectSkip(decide(message({ from: 'john@amazon.com' }), ctx), 'no_known_participant');
  });

  test('rule 9: an account with several domains matches on any of them', () => {
    const ctx = creating({ accounts: [account('a2', 'amazon.de', 'amazon.com')] });
    expectSave(decide(message({ from: 'john@amazon.com' }), ctx), 'autoshare', {
      create: [{ address: 'john@amazon.com', accountId: 'a2' }],
    });
  });

  test("rule 9: a domain in two accounts' domains creates nothing (exactly one account)", () => {
    const ctx = creating({ accounts: [amazon, account('a2', 'amazon.com')] });
    expectSkip(decide(message({ from: 'john@amazon.com' }), ctx), 'no_known_participant');
  });

  test('rule 9: a subdomain of an account domain creates nothing', () => {
    expectSkip(decide(message({ from: 'john@eu.amazon.com' }), creating()), 'no_known_participant');
  });

  test('rule 9: a candidate that matched a contact is linked, not created', () => {
    const ctx = creating({ people: [contact('c1', 'john@amazon.com', { accountId: 'a1' })] });
    expectSave(decide(message({ from: 'john@amazon.com' }), ctx), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 9: a candidate that matched a lead is linked, not created', () => {
    const ctx = creating({ people: [lead('l1', 'john@amazon.com')] });
    expectSave(decide(message({ from: 'john@amazon.com' }), ctx), 'autoshare', { who: [ref.lead('l1')] });
  });

  test('rule 9: a candidate whose only match is a converted lead matched nobody, so it is created', () => {
    const ctx = creating({ people: [lead('l1', 'john@amazon.com', { converted: true })] });
    expectSave(decide(message({ from: 'john@amazon.com' }), ctx), 'autoshare', {
      create: [{ address: 'john@amazon.com', accountId: 'a1' }],
    });
  });

  test.each([
    'info',
    'support',
    'sales',
    'team',
    'help',
    'hello',
    'contact',
    'admin',
    'billing',
    'office',
    'marketing',
    'noreply',
    'no-reply',
    'donotreply',
    'do-not-reply',
    'postmaster',
    'mailer-daemon',
    'notifications',
  ])('rule 9: the role address %s@amazon.com is never auto-created', (local) => {
    expectSkip(decide(message({ from: `${local}@amazon.com` }), creating()), 'no_known_participant');
  });

  test('rule 9: a role address is recognised case-insensitively', () => {
    expectSkip(decide(message({ from: 'Sales@Amazon.com' }), creating()), 'no_known_participant');
  });

  test.each([
    'gmail.com',
    'googlemail.com',
    'yahoo.com',
    'outlook.com',
    'hotmail.com',
    'live.com',
    'icloud.com',
    'aol.com',
    'gmx.de',
    'web.de',
    'proton.me',
    'protonmail.com',
  ])(
    'rule 9: a personal address at %s is never auto-created, even if an account has that domain',
    (domain) => {
      const ctx = creating({ accounts: [account('a5', domain)] });
      expectSkip(decide(message({ from: `john@${domain}` }), ctx), 'no_known_participant');
    },
  );

  test('rule 9: an address in tombstones is never auto-created again', () => {
    const ctx = creating({ tombstones: ['john@amazon.com'] });
    expectSkip(decide(message({ from: 'john@amazon.com' }), ctx), 'no_known_participant');
  });

  test('rule 9: tombstones compare case-insensitively and trimmed', () => {
    const ctx = creating({ tombstones: [' John@Amazon.COM '] });
    expectSkip(decide(message({ from: 'john@amazon.com' }), ctx), 'no_known_participant');
  });

  test('rule 9: a tombstone for another address does not block creation', () => {
    const ctx = creating({ tombstones: ['jane@amazon.com'] });
    expectSave(decide(message({ from: 'john@amazon.com' }), ctx), 'autoshare', {
      create: [{ address: 'john@amazon.com', accountId: 'a1' }],
    });
  });

  test('rule 9: internal participants are never created', () => {
    const ctx = creating({ accounts: [amazon, account('a0', 'ourco.com')] });
    const m = message({ from: 'john@amazon.com', cc: ['colleague@ourco.com'] });
    expectSave(decide(m, ctx), 'autoshare', { create: [{ address: 'john@amazon.com', accountId: 'a1' }] });
  });

  test("rule 9: the user's own address is never created, even with empty internalDomains", () => {
    const ctx = creating({ internalDomains: [], accounts: [amazon, account('a0', 'ourco.com')] });
    expectSave(decide(message({ from: 'john@amazon.com' }), ctx), 'autoshare', {
      create: [{ address: 'john@amazon.com', accountId: 'a1' }],
    });
  });

  test('rule 9: linked and created participants together, each address once', () => {
    const ctx = creating({
      people: [contact('c1', 'mary@beta.io')],
      accounts: [amazon, account('a3', 'gamma.org')],
    });
    const m = outbound({ to: ['john@amazon.com', 'mary@beta.io'], cc: ['zed@gamma.org', 'john@amazon.com'] });
    expectSave(decide(m, ctx), 'autoshare', {
      who: [ref.contact('c1')],
      create: [
        { address: 'john@amazon.com', accountId: 'a1' },
        { address: 'zed@gamma.org', accountId: 'a3' },
      ],
    });
  });

  test('rule 9: a Bcc candidate that matched nobody is created too', () => {
    const m = outbound({ to: ['colleague@ourco.com'], bcc: ['john@amazon.com'] });
    expectSave(decide(m, creating()), 'autoshare', {
      create: [{ address: 'john@amazon.com', accountId: 'a1' }],
    });
  });

  test('rule 10: a created contact alone is something to link, so the email is saved', () => {
    const d = decide(message({ from: 'john@amazon.com' }), creating());
    expect(d.action).toBe('save');
    expect(d.who).toEqual([]);
    expect(d.create).toHaveLength(1);
  });
});
