import { dateIn, knownZone, midnightIn, utcSeconds } from '../../../server/providers/calendar-time';

describe('calendar-time', () => {
  it('gives midnight with the offset the zone has that day (DST included), UTC for unknown zones', () => {
    expect(midnightIn('2026-07-01', 'Europe/Berlin')).toBe('2026-07-01T00:00:00+02:00');
    expect(midnightIn('2026-12-01', 'Europe/Berlin')).toBe('2026-12-01T00:00:00+01:00');
    expect(midnightIn('2026-03-29', 'Europe/Berlin')).toBe('2026-03-29T00:00:00+01:00');
    expect(midnightIn('2026-12-01', 'Asia/Kolkata')).toBe('2026-12-01T00:00:00+05:30');
    expect(midnightIn('2026-12-01', 'Pacific Standard Time')).toBe('2026-12-01T00:00:00Z');
    expect(midnightIn('2026-12-01', undefined)).toBe('2026-12-01T00:00:00Z');
    expect(midnightIn('12/01/2026', 'UTC')).toBeUndefined();
    expect(knownZone('W. Europe Standard Time')).toBeUndefined();
  });

  it('gives the date of an instant in a zone, and instants as eventKey writes them', () => {
    expect(dateIn(Date.parse('2026-12-09T23:00:00Z'), 'Europe/Berlin')).toBe('2026-12-10');
    expect(dateIn(Date.parse('2026-12-09T23:00:00Z'), undefined)).toBe('2026-12-09');
    expect(utcSeconds('2026-12-10T10:00:00+01:00')).toBe('2026-12-10T09:00:00Z');
    expect(utcSeconds('2026-12-10T09:00:00.1234567Z')).toBe('2026-12-10T09:00:00Z');
    expect(utcSeconds('garbage')).toBeUndefined();
  });
});
