import {
  domainOf,
  isPersonalAddress,
  isPersonalDomain,
  isRoleAddress,
  normalizeAddress,
  normalizeDomain,
  normalizeMessageId,
} from '../../src';

describe('normalising (rulebook section 2)', () => {
  test('addresses are trimmed and lower-cased; the domain follows the last @', () => {
    expect(normalizeAddress('  Jane.Doe@ACME.com ')).toBe('jane.doe@acme.com');
    expect(domainOf('"a@b"@acme.com')).toBe('acme.com');
    expect(normalizeAddress(42)).toBe('');
  });

  test('Message-IDs lose surrounding <> and white space', () => {
    expect(normalizeMessageId(' <abc@x.com> ')).toBe('abc@x.com');
    expect(normalizeMessageId('abc@x.com')).toBe('abc@x.com');
    expect(normalizeMessageId('<abc@\r\n x.com>')).toBe('abc@x.com');
    expect(normalizeMessageId(undefined)).toBe('');
  });

  test('domains as people type them', () => {
    expect(normalizeDomain(' @Acme.COM. ')).toBe('acme.com');
  });
});

describe('role addresses', () => {
  test.each([
    'info@acme.com',
    'SUPPORT@acme.com',
    'no-reply@acme.com',
    'noreply@acme.com',
    'do-not-reply@x.io',
    'donotreply@x.io',
    'postmaster@x.io',
    'mailer-daemon@x.io',
    'notifications@github.com',
    'sales+eu@acme.com',
    'hello@x.io',
    'team@x.io',
    'billing@x.io',
    'office@x.io',
    'marketing@x.io',
    'admin@x.io',
    'help@x.io',
    'contact@x.io',
  ])('%s is a role address', (a) => expect(isRoleAddress(a)).toBe(true));
  test.each(['jane@acme.com', 'john.info@acme.com', 'salesman@x.io'])('%s is a person', (a) =>
    expect(isRoleAddress(a)).toBe(false),
  );
  test('the maintained list adds more than the rulebook names', () => {
    expect(isRoleAddress('webmaster@acme.com')).toBe(true);
    expect(isRoleAddress('careers@acme.com')).toBe(true);
  });
});

describe('personal addresses', () => {
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
  ])('the rulebook lists %s', (d) => expect(isPersonalAddress(`someone@${d.toUpperCase()}`)).toBe(true));
  test('the maintained list adds more, such as yandex.ru', () =>
    expect(isPersonalDomain('yandex.ru')).toBe(true));
  test('company domains and the RFC 2606 documentation domains are not personal', () => {
    expect(isPersonalAddress('jane@acme.com')).toBe(false);
    expect(isPersonalAddress('jane@example.com')).toBe(false);
    expect(isPersonalAddress('jane@mail.gmail.com')).toBe(false);
  });
});
