import { dryRunReasons, dryRunSentence, eventDryRunLines } from '../../dashboard/src/settings/dry-run-text';

describe('dry run in words', () => {
  const result = { days: 7, looked: 9, saved: 1, skipped: 8, byReason: { internal: 5, blacklisted: 3 } };

  test('the sentence says saved and skipped for the draft or the current settings', () => {
    expect(dryRunSentence(result, true)).toBe(
      'With these settings, the last 7 days would have saved 1 email and skipped 8.',
    );
    expect(dryRunSentence({ ...result, saved: 4 }, false)).toBe(
      'With your current settings, the last 7 days would have saved 4 emails and skipped 8.',
    );
    expect(dryRunSentence({ ...result, looked: 0, saved: 0, skipped: 0, byReason: {} }, true)).toMatch(
      /looked at no email of yours in the last 7 days/,
    );
  });

  test('reasons by the core’s labels, most frequent first', () => {
    expect(dryRunReasons(result)).toEqual([
      { reason: 'internal', label: 'internal email', count: 5 },
      { reason: 'blacklisted', label: 'blacklisted participant', count: 3 },
    ]);
  });

  test('meetings and appointments apart from emails, each with its skip reasons in words', () => {
    const counts = (saved: number, byReason: Record<string, number>) => {
      const skipped = Object.values(byReason).reduce((a, b) => a + b, 0);
      return { looked: saved + skipped, saved, skipped, byReason };
    };
    const meetings = counts(4, { internal: 1, declined: 1 });
    const appointments = counts(1, {});
    const events = { ...counts(5, { internal: 1, declined: 1 }), meetings, appointments };
    expect(eventDryRunLines({ ...result, events }, true)).toEqual([
      'With these settings, the last 7 days would have saved 4 meetings and skipped 2: 1 declined, 1 internal.',
      'With these settings, the last 7 days would have saved 1 appointment and skipped 0.',
    ]);
    const offOnly = { ...events, meetings: counts(0, { meetings_off: 2 }), appointments: counts(0, {}) };
    expect(eventDryRunLines({ ...result, events: offOnly }, false)).toEqual([
      'With your current settings, the last 7 days would have saved 0 meetings and skipped 2: 2 with meetings auto-sharing off.',
    ]);
    expect(eventDryRunLines(result, false)[0]).toMatch(/read no meeting or appointment of yours/);
  });
});
