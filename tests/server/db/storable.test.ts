// Text made safe to write (server/db/storable.ts): what PostgreSQL refuses never reaches it, on both backends.
import fc from 'fast-check';
import { sql } from 'kysely';
import {
  MAX_KEY_BYTES,
  MAX_LINE_CHARS,
  storableJson,
  storableKey,
  storableMessage,
  storableText,
} from '../../../server/db/storable';
import { backends, useTestDatabase } from '../../support/db/test-databases';

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('storable text', () => {
  test('NUL is removed, a lone surrogate becomes U+FFFD, a pair is kept', () => {
    expect(storableText('hello\0world')).toBe('helloworld');
    expect(storableText('a\uD800b')).toBe('a\uFFFDb');
    expect(storableText('a\uDC00')).toBe('a\uFFFD');
    expect(storableText('😀')).toBe('😀');
  });

  test('cut to a length without splitting a surrogate pair', () => {
    expect(storableText('ab😀', 3)).toBe('ab');
    expect(storableText('S'.repeat(100_000), MAX_LINE_CHARS)).toHaveLength(MAX_LINE_CHARS);
  });

  test('a key fits an index entry: at most MAX_KEY_BYTES bytes of UTF-8, cut at a character', () => {
    const key = storableKey('é'.repeat(5000));
    expect(Buffer.byteLength(key, 'utf8')).toBeLessThanOrEqual(MAX_KEY_BYTES);
    expect(key).toBe('é'.repeat(MAX_KEY_BYTES / 2));
  });

  test('property: never a NUL or a lone surrogate, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat({ max: 50 }), (s, max) => {
        const out = storableText(s, max);
        expect(out.includes('\0')).toBe(false);
        expect(LONE.test(out)).toBe(false);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(LONE.test(storableKey(s))).toBe(false);
      }),
    );
  });

  test('a message: every field made storable, a header named __proto__ stays a header', () => {
    const m = storableMessage({
      internetMessageId: '<a\0b@x>',
      folder: 'inbox',
      from: { address: 'j@x.com', name: 'J\0D' },
      to: [{ address: 'k@x.com' }],
      cc: [],
      bcc: [],
      subject: 'x'.repeat(10_000),
      sentAt: '2026-01-01T00:00:00Z',
      bodyText: 'GIF89a\0\0',
      headers: JSON.parse('{"__proto__": "v\\u0000", "x-a": "b"}') as Record<string, string>,
    });
    expect(m.internetMessageId).toBe('<ab@x>');
    expect(m.from.name).toBe('JD');
    expect(m.subject).toHaveLength(MAX_LINE_CHARS);
    expect(m.bodyText).toBe('GIF89a');
    expect(Object.getPrototypeOf(m.headers)).toBe(Object.prototype);
    expect(Object.entries(m.headers!)).toEqual([
      ['__proto__', 'v'],
      ['x-a', 'b'],
    ]);
  });
});

describe.each(backends)('storable text in the database (%s)', (backend) => {
  const t = useTestDatabase(backend);
  test('what storableJson gives is taken as jsonb, where the raw text is refused', async () => {
    const value = { s: 'a\0b\uD800', list: ['\0'] };
    await expect(sql`select cast(${JSON.stringify(value)} as jsonb)`.execute(t.db)).rejects.toThrow();
    const { rows } = await sql<{ v: unknown }>`select cast(${storableJson(value)} as jsonb) as v`.execute(
      t.db,
    );
    expect(rows[0]!.v).toEqual({ s: 'ab\uFFFD', list: [''] });
  });
});
