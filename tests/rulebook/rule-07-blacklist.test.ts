/** Rule 7 and section 2: blacklist entries, the two policies, and the user's own addresses. */
import { contact, context, message, outbound, ref, USER } from './builders';
import type { ContextInput } from './builders';
import { decide, expectSave, expectSkip } from './expectations';

const people = [
  contact('c1', 'john@acme.com'),
  contact('c2', 'mary@beta.io'),
  contact('c3', 'colleague@ourco.com'),
];
const skipEmail = (over: ContextInput) =>
  context({ people, ...over, settings: { blacklistPolicy: 'skip-email', ...over.settings } });
const exclude = (over: ContextInput) => context({ people, ...over });

describe('rule 7: blacklisted, policy exclude-participant', () => {
  test('rule 7: exclude-participant keeps known Cc', () => {
    const ctx = exclude({ blacklist: ['john@acme.com'] });
    expectSave(decide(message({ cc: ['mary@beta.io'] }), ctx), 'autoshare', { who: [ref.contact('c2')] });
  });

  test('rule 7: exclude-participant skips when the only external participant is blacklisted', () => {
    expectSkip(decide(message(), exclude({ blacklist: ['john@acme.com'] })), 'blacklisted');
  });

  test('rule 7: exclude-participant skips when every external participant is blacklisted', () => {
    const ctx = exclude({ blacklist: ['john@acme.com', 'beta.io'] });
    expectSkip(decide(message({ cc: ['mary@beta.io', 'colleague@ourco.com'] }), ctx), 'blacklisted');
  });

  test('rule 7: exclude-participant ignores blacklisted internal participants', () => {
    const ctx = exclude({ blacklist: ['colleague@ourco.com'] });
    expectSave(decide(message({ cc: ['colleague@ourco.com'] }), ctx), 'autoshare', {
      who: [ref.contact('c1')],
    });
  });

  test('rule 7: a blacklisted participant that is unknown and excluded is not created either', () => {
    const ctx = exclude({
      blacklist: ['zed@gamma.org'],
      settings: { autoCreateContacts: true },
      accounts: [{ id: 'a9', domains: ['gamma.org'] }],
    });
    expectSave(decide(message({ cc: ['zed@gamma.org'] }), ctx), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 7: the default policy of the test context is exclude-participant', () => {
    expect(context().settings.blacklistPolicy).toBe('exclude-participant');
  });
});

describe('rule 7: blacklisted, policy skip-email', () => {
  test('rule 7: skip-email skips when any external participant is blacklisted', () => {
    const ctx = skipEmail({ blacklist: ['mary@beta.io'] });
    expectSkip(decide(message({ cc: ['mary@beta.io'] }), ctx), 'blacklisted');
  });

  test('rule 7: skip-email skips for an internal blacklisted participant too', () => {
    const ctx = skipEmail({ blacklist: ['colleague@ourco.com'] });
    expectSkip(decide(message({ cc: ['colleague@ourco.com'] }), ctx), 'blacklisted');
  });

  test('rule 7: skip-email skips for a blacklisted Bcc participant', () => {
    const ctx = skipEmail({ blacklist: ['mary@beta.io'] });
    expectSkip(decide(outbound({ bcc: ['mary@beta.io'] }), ctx), 'blacklisted');
  });

  test('rule 7: skip-email with no blacklisted participant saves', () => {
    const ctx = skipEmail({ blacklist: ['nobody@beta.io', 'gamma.org'] });
    expectSave(decide(message({ cc: ['mary@beta.io'] }), ctx), 'autoshare', {
      who: [ref.contact('c1'), ref.contact('c2')],
    });
  });
});

describe("rule 7: the user's own addresses are never blacklisted", () => {
  test("rule 7: skip-email with the user's address on the blacklist still saves", () => {
    expectSave(decide(message(), skipEmail({ blacklist: [USER] })), 'autoshare', {
      who: [ref.contact('c1')],
    });
  });

  test("rule 7: skip-email with the user's domain on the blacklist still saves (user only)", () => {
    expectSave(decide(message(), skipEmail({ blacklist: ['ourco.com'] })), 'autoshare', {
      who: [ref.contact('c1')],
    });
  });

  test("rule 7: the user's domain on the blacklist still catches a colleague under skip-email", () => {
    const ctx = skipEmail({ blacklist: ['ourco.com'] });
    expectSkip(decide(message({ cc: ['colleague@ourco.com'] }), ctx), 'blacklisted');
  });

  test("rule 7: with empty internalDomains the user's blacklisted address does not make the email blacklisted", () => {
    const ctx = exclude({ internalDomains: [], blacklist: [USER] });
    expectSave(decide(message(), ctx), 'autoshare', { who: [ref.contact('c1')] });
  });
});

describe('section 2: blacklist entries', () => {
  test.each(['acme.com', '@acme.com'])(
    'section 2: domain entry %s matches an address at acme.com',
    (entry) => {
      expectSkip(decide(message(), skipEmail({ blacklist: [entry] })), 'blacklisted');
    },
  );

  test.each(['acme.com', '@acme.com'])('section 2: domain entry %s does not match a subdomain', (entry) => {
    const ctx = skipEmail({ blacklist: [entry], people: [contact('c1', 'john@eu.acme.com')] });
    expectSave(decide(message({ from: 'john@eu.acme.com' }), ctx), 'autoshare', { who: [ref.contact('c1')] });
  });

  test.each(['notacme.com', 'acme.com.au'])(
    'section 2: domain entry acme.com does not match %s',
    (domain) => {
      const ctx = skipEmail({ blacklist: ['acme.com'], people: [contact('c1', `john@${domain}`)] });
      expectSave(decide(message({ from: `john@${domain}` }), ctx), 'autoshare', { who: [ref.contact('c1')] });
    },
  );

  test('section 2: a domain entry matches case-insensitively', () => {
    expectSkip(
      decide(message({ from: 'John@ACME.COM' }), skipEmail({ blacklist: ['acme.com'] })),
      'blacklisted',
    );
  });

  test.each(['ACME.COM', '@Acme.Com', '  acme.com  '])(
    'section 2: domain entry %j matches case-insensitively and trimmed',
    (entry) => {
      expectSkip(decide(message(), skipEmail({ blacklist: [entry] })), 'blacklisted');
    },
  );

  test('section 2: the domain is what follows the last @ (quoted local part containing @)', () => {
    const from = '"john@beta.io"@acme.com';
    const ctx = skipEmail({ blacklist: ['acme.com'], people: [contact('c8', from)] });
    expectSkip(decide(message({ from }), ctx), 'blacklisted');
    const other = skipEmail({ blacklist: ['beta.io'], people: [contact('c8', from)] });
    expectSave(decide(message({ from }), other), 'autoshare', { who: [ref.contact('c8')] });
  });

  test('section 2: an address entry matches only that address', () => {
    const ctx = exclude({ blacklist: ['john@acme.com'], people: [contact('c4', 'jane@acme.com')] });
    expectSave(decide(message({ cc: ['jane@acme.com'] }), ctx), 'autoshare', { who: [ref.contact('c4')] });
  });

  test('section 2: an address entry compares case-insensitively and trimmed', () => {
    expectSkip(decide(message(), exclude({ blacklist: ['  John@Acme.COM '] })), 'blacklisted');
  });

  test('section 2: an address entry is not a domain entry for its domain', () => {
    const ctx = skipEmail({ blacklist: ['someone@acme.com'] });
    expectSave(decide(message(), ctx), 'autoshare', { who: [ref.contact('c1')] });
  });
});

describe('section 6: blacklist changes', () => {
  test('section 6: removing an entry takes effect for the next email decided', () => {
    expectSkip(decide(message(), exclude({ blacklist: ['john@acme.com'] })), 'blacklisted');
    expectSave(decide(message(), exclude({ blacklist: [] })), 'autoshare', { who: [ref.contact('c1')] });
  });
});
