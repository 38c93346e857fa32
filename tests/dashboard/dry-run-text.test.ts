import { dryRunReasons, dryRunSentence } from '../../dashboard/src/settings/dry-run-text';

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
});
