import { formatAddress, isPlainAddrSpec, parseAddressList } from '../../src';

describe('parseAddressList', () => {
  test('display names with commas and quotes, and bare addresses', () => {
    expect(parseAddressList('"Doe, Jane" <jane@acme.com>, bob@beta.io')).toEqual([
      { address: 'jane@acme.com', name: 'Doe, Jane' },
      { address: 'bob@beta.io' },
    ]);
  });

  test('escaped quotes inside a display name', () => {
    expect(parseAddressList('"Jane \\"JD\\" Doe" <jane@acme.com>')).toEqual([
      { address: 'jane@acme.com', name: 'Jane "JD" Doe' },
    ]);
  });

  test('groups are flattened into their members', () => {
    expect(parseAddressList('Sales: a@acme.com, b@acme.com;, c@beta.io')).toEqual([
      { address: 'a@acme.com' },
      { address: 'b@acme.com' },
      { address: 'c@beta.io' },
    ]);
  });

  test('an unreadable part is kept as written, so nothing is silently lost', () => {
    const parsed = parseAddressList('jane@acme.com, not an address, Bob <bob@@beta.io>');
    expect(parsed.map((a) => a.address)).toEqual(['jane@acme.com', 'not an address', 'bob@@beta.io']);
    expect(isPlainAddrSpec(parsed[1]!.address)).toBe(false);
  });

  test('empty input gives an empty list', () => {
    expect(parseAddressList('')).toEqual([]);
    expect(parseAddressList('   ')).toEqual([]);
  });

  test('formatAddress quotes names that need it', () => {
    expect(formatAddress({ address: 'jane@acme.com', name: 'Doe, Jane' })).toBe(
      '"Doe, Jane" <jane@acme.com>',
    );
    expect(formatAddress({ address: 'jane@acme.com', name: 'Jane Doe' })).toBe('Jane Doe <jane@acme.com>');
    expect(formatAddress({ address: 'jane@acme.com' })).toBe('jane@acme.com');
    expect(parseAddressList(formatAddress({ address: 'j@a.com', name: 'A "B", C' }))).toEqual([
      { address: 'j@a.com', name: 'A "B", C' },
    ]);
  });
});

describe('isPlainAddrSpec', () => {
  test.each([
    'jane@acme.com',
    "o'neil+tag@acme.co.uk",
    '"john doe"@acme.com',
    'ü@bücher.de',
    'a@[192.0.2.1]',
  ])('accepts %s', (value) => expect(isPlainAddrSpec(value)).toBe(true));
  test.each([
    '',
    'jane',
    'jane@',
    '@acme.com',
    'a@@acme.com',
    'Jane <jane@acme.com>',
    '<jane@acme.com>',
    'jane@acme.com (Jane)',
    'jane doe@acme.com',
    'jane..doe@acme.com',
    '.jane@acme.com',
    'jane@acme..com',
    'jane@acme.com, bob@beta.io',
  ])('rejects %j', (value) => expect(isPlainAddrSpec(value)).toBe(false));
});
