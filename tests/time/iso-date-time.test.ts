import fc from 'fast-check';
import { parseIsoDateTime } from '../../src';

describe('parseIsoDateTime (rule 0 dates)', () => {
  test.each([
    ['2026-02-28T10:00:00Z', Date.UTC(2026, 1, 28, 10)],
    ['2024-02-29T10:00:00Z', Date.UTC(2024, 1, 29, 10)],
    ['2026-03-01T10:00:00+01:00', Date.UTC(2026, 2, 1, 9)],
    ['2026-03-01T10:00:00-0530', Date.UTC(2026, 2, 1, 15, 30)],
    ['2026-03-01T10:00Z', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T10:00:00.123456Z', Date.UTC(2026, 2, 1, 10, 0, 0, 123)],
  ])('%s is valid', (value, ms) => expect(parseIsoDateTime(value)).toBe(ms));

  test.each([
    '2026-02-30T10:00:00Z',
    '2025-02-29T10:00:00Z',
    '2100-02-29T10:00:00Z',
    '2026-04-31T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T10:60:00Z',
    '2026-01-01T10:00:00',
    '2026-01-01',
    'Tue, 17 Nov 2026 10:42:00 +0100',
    '',
    'yesterday',
  ])('%j is not', (value) => expect(parseIsoDateTime(value)).toBeNull());

  test('non-strings are not dates', () => {
    expect(parseIsoDateTime(1700000000000)).toBeNull();
    expect(parseIsoDateTime(null)).toBeNull();
  });
});

describe('parseIsoDateTime agrees with the platform on every valid date-time', () => {
  test('property: for any instant and offset, the ISO text parses back to that instant', () => {
    fc.assert(
      fc.property(
        // Offsets must not push the local time out of the four-digit years ISO 8601 writes without a sign.
        fc.date({
          min: new Date('0001-01-02T00:00:00Z'),
          max: new Date('9999-12-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (date, offset) => {
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parseIsoDateTime(`${local}${zone}`)).toBe(date.getTime());
          expect(parseIsoDateTime(date.toISOString())).toBe(date.getTime());
        },
      ),
      { numRuns: 1000 },
    );
  });
});
