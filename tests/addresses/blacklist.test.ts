import { classifyBlacklistEntry, makeBlacklistMatcher, parseBlacklistInput } from '../../src';

describe('blacklist entries (rulebook section 2)', () => {
  test('a non-empty part before @ makes an address; anything else is a domain', () => {
    expect(classifyBlacklistEntry('Bob@Acme.com')).toEqual({ kind: 'address', value: 'bob@acme.com' });
    expect(classifyBlacklistEntry('acme.com')).toEqual({ kind: 'domain', value: 'acme.com' });
    expect(classifyBlacklistEntry('@acme.com')).toEqual({ kind: 'domain', value: 'acme.com' });
  });

  test('a domain entry matches that exact domain only: no subdomains, no parents', () => {
    const m = makeBlacklistMatcher(['acme.com', 'bob@beta.io']);
    expect(m.isBlacklisted('jane@acme.com')).toBe(true);
    expect(m.isBlacklisted('jane@eu.acme.com')).toBe(false);
    expect(m.isBlacklisted('bob@beta.io')).toBe(true);
    expect(m.isBlacklisted('alice@beta.io')).toBe(false);
  });

  test('non-string entries are ignored rather than thrown on', () => {
    expect(makeBlacklistMatcher([null, 3, 'x.io']).isBlacklisted('a@x.io')).toBe(true);
  });
});

describe('parseBlacklistInput (what people paste)', () => {
  test('comma-separated paste with one bad entry keeps the good ones and explains the bad one', () => {
    const result = parseBlacklistInput('bob@beta.io, @Spam.biz,  not-an-entry , carol@gamma.io');
    expect(result.entries).toEqual([
      { kind: 'address', value: 'bob@beta.io' },
      { kind: 'domain', value: 'spam.biz' },
      { kind: 'address', value: 'carol@gamma.io' },
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.input).toBe('not-an-entry');
    expect(result.errors[0]!.message).toMatch(/neither an email address nor a domain/);
  });

  test('wildcards are refused with a message that says what to do instead', () => {
    const result = parseBlacklistInput('*@acme.com; *.beta.io');
    expect(result.entries).toEqual([]);
    expect(result.errors.map((e) => e.input)).toEqual(['*@acme.com', '*.beta.io']);
    for (const e of result.errors) expect(e.message).toMatch(/Wildcards are not supported/);
  });

  test('duplicates collapse, whatever their case', () => {
    expect(parseBlacklistInput('A@b.io\nA@B.IO a@b.io').entries).toEqual([
      { kind: 'address', value: 'a@b.io' },
    ]);
  });

  test('malformed addresses are refused', () => {
    expect(parseBlacklistInput('a@@b.io').errors).toHaveLength(1);
    expect(parseBlacklistInput('a@b').errors).toHaveLength(1);
  });
});
