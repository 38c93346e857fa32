/** `npm run bench`: a bench that cannot run (here the real freshness bench without Dovecot) says why, and the rest still run. */
import type { Bench } from '../../bench/bench-registry';
import { runBenches, type Results } from '../../bench/bench-runner';
import { freshnessBench } from '../../bench/freshness-bench';
import { DOVECOT_BINARY } from '../support/dovecot/start-dovecot';

// Dovecot "not installed": only its binary disappears; every other file is as it is.
jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...actual, existsSync: (p: string) => (p === '/usr/sbin/dovecot' ? false : actual.existsSync(p)) };
});

const fake = (key: string, value: number): Bench => ({
  keys: [key],
  run: async () => [{ key, value, unit: 'x', goal: 'informative' }],
});

test('a missing Dovecot fails the freshness figures with its sentence; the others are printed and written', async () => {
  expect(DOVECOT_BINARY).toBe('/usr/sbin/dovecot');
  const lines: string[] = [];
  const saved: Results[] = [];
  const stale: Results = {
    'sync.freshness_p95_s': { value: 0.5, unit: 's', goal: 'p95 ≤ 90' },
    'rules.old': { value: 1, unit: 'x', goal: 'informative' },
  };
  const out = await runBenches(
    [fake('rules.a', 1), freshnessBench, fake('taskpane.b', 2)],
    '',
    stale,
    (l) => lines.push(l),
    (r) => saved.push({ ...r }),
  );
  expect(lines[0]).toBe('rules.a = 1 x (goal: informative)');
  const failedLines = lines.filter((l) => l.includes('could not run'));
  expect(failedLines.length).toBe(freshnessBench.keys.length);
  for (const l of failedLines)
    expect(l).toMatch(/^sync\.freshness_\w+: could not run: Dovecot is not installed/);
  expect(lines.at(-1)).toBe('taskpane.b = 2 x (goal: informative)');
  expect(out.failed).toEqual([{ keys: freshnessBench.keys, reason: expect.stringMatching(/dovecot-imapd/) }]);
  // The old freshness figure is gone (never shown as if measured now); unrelated old figures stay.
  expect(Object.keys(saved.at(-1) ?? {}).sort()).toEqual(['rules.a', 'rules.old', 'taskpane.b']);
});

test('a prefix keeps only its figures, from the benches that produced them', async () => {
  const lines: string[] = [];
  const two: Bench = {
    keys: ['sync.a', 'rules.z'],
    run: async () => [
      { key: 'sync.a', value: 3, unit: '/s', goal: '≥ 1' },
      { key: 'rules.z', value: 4, unit: '/s', goal: '≥ 1' },
    ],
  };
  const out = await runBenches(
    [two],
    'sync',
    {},
    (l) => lines.push(l),
    () => undefined,
  );
  expect(lines).toEqual(['sync.a = 3 /s (goal: ≥ 1)']);
  expect(out.results).toEqual({ 'sync.a': { value: 3, unit: '/s', goal: '≥ 1' } });
});
