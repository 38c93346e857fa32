import { extendedWindow, firstWindow } from '../../../server/providers/calendar-window';

describe('calendar-window', () => {
  it('reaches the horizon from the connection, and moves only once the horizon has moved a step', () => {
    const w = firstWindow(new Date('2026-12-01T00:00:00Z'), 30);
    expect([w.start, w.end]).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z']);
    expect(extendedWindow(w, new Date('2026-12-01T12:00:00Z'), 86_400_000)).toBeUndefined();
    const moved = extendedWindow(w, new Date('2026-12-20T00:00:00Z'), 86_400_000, 7 * 86_400_000);
    expect(moved).toMatchObject({ start: '2026-12-13T00:00:00.000Z', end: '2027-01-19T00:00:00.000Z' });
    expect(extendedWindow(w, new Date('2026-12-03T00:00:00Z'), 86_400_000, 7 * 86_400_000)?.start).toBe(
      '2026-12-01T00:00:00.000Z',
    );
  });
});
