/** Each injected fault during a 1,000-email save ends with each email saved exactly once. */
import type { Emulator, FaultSpec, SfRecord } from '../../../emulators/salesforce';
import {
  SalesforceRequestError,
  type SalesforceCrmAdapter,
  type SalesforceNewActivity,
} from '../../../../server/crm/salesforce';
import { normalizeMessageId } from '../../../../src';
import { adapterFor, noSleep, startEmulator } from './sf-test-env';

let emu: Emulator;
let contacts: SfRecord[];
let opp: SfRecord;

beforeEach(async () => {
  emu = await startEmulator();
  const acc = emu.store.insert('Account', { Name: 'Acme', Website: 'acme.com' });
  opp = emu.store.insert('Opportunity', { Name: 'Deal', AccountId: acc.Id, StageName: 'Prospecting' });
  contacts = Array.from({ length: 30 }, (_, i) =>
    emu.store.insert('Contact', { LastName: `C${i}`, Email: `c${i}@acme.com`, AccountId: acc.Id }),
  );
});
afterEach(() => emu.stop());

function emails(n: number, tag: string): SalesforceNewActivity[] {
  return Array.from({ length: n }, (_, i) => ({
    messageId: `<${tag}-${i}@mail.test>`,
    subject: `Email ${i}`,
    body: 'From: c@acme.com',
    date: '2025-02-01T10:00:00Z',
    who: [
      { kind: 'contact', id: contacts[i % 30]?.Id as string },
      ...(i % 4 === 0 ? [{ kind: 'contact' as const, id: contacts[(i + 7) % 30]?.Id as string }] : []),
    ],
    ...(i % 2 === 0 ? { what: { kind: 'opportunity' as const, id: opp.Id as string } } : {}),
    mode: 'automatic',
  }));
}

/** Saves until every result is ok (a server would resume on its next run), then checks the org. */
async function saveAll(
  adapter: SalesforceCrmAdapter,
  items: SalesforceNewActivity[],
  mode: 'task' | 'emailMessage',
) {
  let pending = items;
  const ids = new Map<string, string>();
  for (let run = 0; run < 5 && pending.length; run++) {
    // A batch that still fails after the client's retries is resumed on the next run, as the server does.
    const res = await adapter.saveActivities(pending).catch((e: unknown) => {
      if (e instanceof SalesforceRequestError && e.transient) return [];
      throw e;
    });
    res.forEach((r) => {
      if (r.ok) ids.set(r.messageId, r.id);
    });
    pending = pending.filter((_, i) => !res[i]?.ok);
  }
  expect(pending).toEqual([]);
  const rows =
    mode === 'task'
      ? emu.store.all('Task').map((t) => [String(t.Liaison_Message_Id__c), String(t.Id)])
      : emu.store.all('EmailMessage').map((t) => [String(t.MessageIdentifier), String(t.Id)]);
  const byKey = new Map<string, string[]>();
  for (const [k, id] of rows) byKey.set(k as string, [...(byKey.get(k as string) ?? []), id as string]);
  for (const item of items) {
    // Exactly one record per email, and it is the one the adapter answered.
    expect(byKey.get(item.messageId)).toEqual([ids.get(normalizeMessageId(item.messageId))]);
  }
  expect(rows).toHaveLength(items.length);
  return ids;
}

const FAULTS: [string, FaultSpec[]][] = [
  [
    'REQUEST_LIMIT_EXCEEDED on a collection call',
    [{ kind: 'collections', onCall: 2, error: 'REQUEST_LIMIT_EXCEEDED' }],
  ],
  [
    'UNABLE_TO_LOCK_ROW on some records',
    [
      {
        kind: 'collections',
        rate: 0.5,
        seed: 3,
        times: 4,
        error: 'UNABLE_TO_LOCK_ROW',
        recordIndexes: [0, 7, 150],
      },
    ],
  ],
  [
    'UNABLE_TO_LOCK_ROW on a whole request',
    [{ kind: 'collections', onCall: 3, error: 'UNABLE_TO_LOCK_ROW' }],
  ],
  ['503 on collections', [{ kind: 'collections', onCall: 1, error: 503 }]],
  ['INVALID_SESSION_ID (token refresh)', [{ kind: 'collections', onCall: 2, error: 'INVALID_SESSION_ID' }]],
  [
    'a timeout after the write took effect',
    [{ kind: 'collections', onCall: 2, error: 'timeout', holdMs: 6000 }],
  ],
  [
    'a timeout before the write took effect',
    [{ kind: 'collections', onCall: 2, error: 'timeout', holdMs: 6000, commit: false }],
  ],
  [
    'a spurious DUPLICATE_VALUE',
    [{ kind: 'collections', onCall: 1, error: 'DUPLICATE_VALUE', recordIndexes: [5, 6] }],
  ],
  [
    'faults on the look-ups too',
    [
      { kind: 'collections', onCall: 1, error: 'timeout', holdMs: 6000 },
      { kind: ['query', 'queryAll'], onCall: 1, error: 503 },
    ],
  ],
  [
    'a seeded storm on every API call',
    [
      { rate: 0.25, seed: 11, times: 12, error: 'REQUEST_LIMIT_EXCEEDED' },
      { kind: 'collections', rate: 0.3, seed: 5, times: 3, error: 'timeout', holdMs: 6000 },
    ],
  ],
];

describe.each(['task', 'emailMessage'] as const)('%s mode, 1,000 emails', (mode) => {
  it.each(FAULTS)(
    '%s',
    async (_name, specs) => {
      const adapter = adapterFor(emu, { activityMode: mode, retry: { timeoutMs: 3000 } });
      const faults = specs.map((s) => emu.faults.add(s));
      await saveAll(adapter, emails(1000, mode), mode);
      expect(faults.every((f) => f.fired > 0)).toBe(true);
      // Saving the same emails again writes nothing new.
      emu.faults.clear();
      const again = await adapter.saveActivities(emails(1000, mode).slice(0, 250));
      expect(again.every((r) => r.ok && !r.created)).toBe(true);
    },
    30_000,
  );
});

it('backs off through the injected sleep, growing each time, within the bounded attempts', async () => {
  noSleep.mockClear();
  const adapter = adapterFor(emu, { retry: { maxAttempts: 4, baseDelayMs: 1000 } });
  emu.faults.add({ kind: 'queryAll', rate: 1, times: 3, error: 'REQUEST_LIMIT_EXCEEDED' });
  await expect(adapter.findPeopleByEmails(['c1@acme.com'])).resolves.toHaveLength(1);
  const waits = noSleep.mock.calls.map(([ms]) => ms);
  expect(waits).toHaveLength(3);
  expect(waits[0]).toBeGreaterThanOrEqual(500);
  expect(waits[2]).toBeGreaterThanOrEqual(2000);
  emu.faults.add({ kind: 'queryAll', rate: 1, error: 'REQUEST_LIMIT_EXCEEDED' });
  await expect(adapter.findPeopleByEmails(['c1@acme.com'])).rejects.toMatchObject({
    name: 'SalesforceRequestError',
    code: 'REQUEST_LIMIT_EXCEEDED',
    transient: true,
  });
});
