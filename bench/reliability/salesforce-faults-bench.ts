// reliability.salesforce_faults: the sync engine autoshares 1,000 emails (a Maildir backlog, every sender a contact)
// to the Salesforce emulator while about 10% of its API calls fail the documented ways: 503 SERVER_UNAVAILABLE,
// 403 REQUEST_LIMIT_EXCEEDED, per-record UNABLE_TO_LOCK_ROW on sObject Collections, timeouts (the write applied,
// the answer never comes) and connections dropped at once (applied or not). The mailbox is run again whenever a run
// fails, as its retry would; every email must end as exactly one Task.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { normalizeMessageId } from '../../src';
import { SalesforceCrmAdapter } from '../../server/crm/salesforce';
import { openDatabase } from '../../server/db/open-database';
import { createMailboxLock } from '../../server/sync/mailbox-lock';
import { defaultMailSourceFactory } from '../../server/sync/mail-source-factory';
import { SourceCache } from '../../server/sync/source-cache';
import { runMailbox } from '../../server/sync/sync-run';
import { start } from '../../tests/emulators/salesforce';
import type { Bench, Figure } from '../bench-registry';
import {
  connectMaildirUser,
  countsOf,
  deliverBacklog,
  inactiveMailboxes,
  messageIds,
  seedOrganisation,
} from './backlog';

const EMAILS = 1000;
/** Small batches: more Salesforce calls, so the 10% lands on every kind of call. */
const BATCH_SIZE = 25;
/** The client's patience (the product's default is 120 s); the emulator holds a timed-out answer longer. */
const TIMEOUT_MS = 2000;
const MAX_RUNS = 200;

export const salesforceFaultsBench: Bench = {
  keys: [
    'reliability.salesforce_faults',
    'reliability.salesforce_faults.duplicates',
    'reliability.salesforce_faults.missing',
  ],
  async run(): Promise<Figure[]> {
    const emu = await start();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'reliability-sf-'));
    const handle = await openDatabase({ inMemory: true });
    const { db } = handle;
    const sources = new SourceCache(defaultMailSourceFactory());
    try {
      const rep = emu.store.insert('User', { FirstName: 'Rita', LastName: 'Rep', Email: 'rita@ourco.com' });
      for (const [name, domain, first, last, email] of [
        ['Acme', 'acme.com', 'Jane', 'Doe', 'jane.doe@acme.com'],
        ['Globex', 'globex.com', 'Hank', 'Scorpio', 'hank@globex.com'],
        ['Initech', 'initech.io', 'Bill', 'Lumbergh', 'bill@initech.io'],
      ] as const) {
        const account = emu.store.insert('Account', { Name: name, Website: domain });
        emu.store.insert('Contact', {
          FirstName: first,
          LastName: last,
          Email: email,
          AccountId: account.Id,
        });
      }
      await seedOrganisation(db);
      const ids = messageIds(`sf-${Date.now().toString(36)}`, EMAILS);
      await deliverBacklog(dir, ids, 'Rita Rep <rita@ourco.com>');
      const mailbox = await connectMaildirUser(db, 'rita@ourco.com', dir, rep.Id as string);

      const session = emu.session();
      const crm = new SalesforceCrmAdapter(
        {
          loginUrl: emu.url,
          instanceUrl: session.instanceUrl,
          clientId: emu.clientId,
          clientSecret: emu.clientSecret,
          refreshToken: session.refreshToken,
          accessToken: session.accessToken,
        },
        {
          hiddenFields: ['Lead.Title', 'Opportunity.Amount'],
          retry: { timeoutMs: TIMEOUT_MS, baseDelayMs: 100, maxDelayMs: 2000 },
        },
      );
      // About 10% of every kind of call; a few more on collections, where row locks happen.
      const faults = [
        emu.faults.add({ rate: 0.025, seed: 11, error: 503 }),
        emu.faults.add({ rate: 0.025, seed: 12, error: 'REQUEST_LIMIT_EXCEEDED' }),
        emu.faults.add({ rate: 0.025, seed: 13, error: 'timeout', holdMs: TIMEOUT_MS * 2 }),
        emu.faults.add({ rate: 0.0125, seed: 14, error: 'timeout', holdMs: 0 }),
        emu.faults.add({ rate: 0.0125, seed: 15, error: 'timeout', holdMs: 0, commit: false }),
        emu.faults.add({ kind: 'collections', rate: 0.025, seed: 16, error: 'UNABLE_TO_LOCK_ROW' }),
      ];
      emu.counts.reset();
      const deps = {
        db,
        crm,
        lock: createMailboxLock(db, handle.backend),
        sources,
        intervalMs: 60_000,
        batchSize: BATCH_SIZE,
        maxBatchesPerRun: 1000,
      };
      let failedRuns = 0;
      let runs = 0;
      const errors = new Set<string>();
      while (runs < MAX_RUNS) {
        runs++;
        const result = await runMailbox(deps, mailbox.id, { force: true });
        if (result.outcome === 'failed') {
          failedRuns++;
          errors.add(result.error.slice(0, 120));
          continue;
        }
        if (result.outcome === 'synced' && !result.more) break;
      }
      const injected = faults.reduce((sum, f) => sum + f.fired, 0);
      const calls = emu.counts.snapshot().api;
      for (const f of faults) f.remove();
      const tasks = emu.store.all('Task');
      const perMessage = new Map<string, number>();
      for (const t of tasks) {
        const id = normalizeMessageId(String(t.Liaison_Message_Id__c ?? ''));
        perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
      }
      const tally = countsOf(ids, [...perMessage]);
      const inactive = await inactiveMailboxes(db, [mailbox.id]);
      if (tally.missing > 0 || tally.duplicates > 0 || inactive.length > 0)
        console.error(
          `reliability.salesforce_faults: ${tally.missing} missing, ${tally.duplicates} duplicates, ` +
            `${inactive.join('; ')}; run errors: ${[...errors].join(' | ')}`,
        );
      const share = Math.round((injected / Math.max(1, calls)) * 1000) / 10;
      return [
        {
          key: 'reliability.salesforce_faults',
          value: injected,
          unit:
            `Salesforce calls failed and survived (${share}% of ${calls}: 503, REQUEST_LIMIT_EXCEEDED, ` +
            `UNABLE_TO_LOCK_ROW, ${TIMEOUT_MS / 1000} s timeouts, dropped connections); ` +
            `${failedRuns} of ${runs} runs failed and were retried`,
          goal: `${EMAILS} emails (batches of ${BATCH_SIZE}) each one Task, mailbox Active; about 10% of calls failing`,
        },
        {
          key: 'reliability.salesforce_faults.duplicates',
          value: tally.duplicates,
          unit: 'Tasks',
          goal: '0',
        },
        { key: 'reliability.salesforce_faults.missing', value: tally.missing, unit: 'Tasks', goal: '0' },
      ];
    } finally {
      await sources.closeAll();
      await handle.close();
      await emu.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
