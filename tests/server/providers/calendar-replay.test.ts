import {
  alreadyGiven,
  completeRound,
  noteGiven,
  restartListing,
  type ReplayMemory,
} from '../../../server/providers/calendar-replay';

describe('calendar-replay', () => {
  it('drops what was given at the same change time, and after a restart what is not newer than the last round', () => {
    const m: ReplayMemory = { given: {} };
    noteGiven(m, 'a', '2026-12-01T10:00:00Z');
    expect(alreadyGiven(m, 'a', '2026-12-01T10:00:00Z')).toBe(true);
    expect(alreadyGiven(m, 'a', '2026-12-01T11:00:00Z')).toBe(false);
    completeRound(m);
    expect(m.seenUntil).toBe('2026-12-01T10:00:00Z');
    restartListing(m, '2026-12-31T00:00:00Z');
    expect(alreadyGiven(m, 'b', '2026-12-01T09:00:00Z', '2026-12-10T09:00:00Z')).toBe(true);
    expect(alreadyGiven(m, 'b', '2026-12-01T09:00:00Z', '2027-01-02T09:00:00Z')).toBe(false);
    expect(alreadyGiven(m, 'c', '2026-12-02T09:00:00Z', '2026-12-10T09:00:00Z')).toBe(false);
    completeRound(m);
    expect(m.restart).toBeUndefined();
  });
});
