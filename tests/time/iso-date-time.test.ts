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
