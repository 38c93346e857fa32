import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { DEMO_ADMIN } from '../../../server/crm/embedded/demo-seed';
import { EmbeddedCrm } from '../../../server/crm/embedded/embedded-crm';
import { getMailbox, requestSync } from '../../../server/db/mailboxes-repo';
import { defaultMailSourceFactory } from '../../../server/sync/mail-source-factory';
import type { RunResult } from '../../../server/sync/sync-run';
import { createSyncWorker, type SyncWorker } from '../../../server/sync/sync-worker';
import { backends, openTestDatabase } from '../../support/db/test-databases';
import { seedScriptedDay } from './scripted-day';
import { connectMaildir, waitFor } from './sync-helpers';

jest.setTimeout(60_000);

// A run asked for by another process (a provider's change notification reaching the HTTP server, a connect while
// the workers run elsewhere) is only a row update: a worker sees it within its poll interval and runs the mailbox,
// once, even though its schedule says an hour.

describe.each(backends)('sync requests from other processes (%s)', (backend) => {
  it('a request written to the row runs the mailbox soon, once per request', async () => {
    const handle = await openTestDatabase(backend);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sync-requests-'));
    let worker: SyncWorker | undefined;
    try {
      const { db } = handle;
      await seedScriptedDay(db);
      const mailbox = await connectMaildir(db, DEMO_ADMIN.userId, dir, new Date(Date.now() - 5000));
      const runs: RunResult[] = [];
      worker = createSyncWorker({
        database: handle,
        crm: new EmbeddedCrm(db),
        sources: defaultMailSourceFactory(),
        config: { intervalSeconds: 3600, pollSeconds: 0.5, watch: false },
        onRun: (id, result) => {
          if (id === mailbox.id) runs.push(result);
        },
      });
      await worker.start();
      // The first scheduled run (the connection made it due), then an hour's wait.
      await waitFor('the first run', async () => runs.length >= 1);
      const scheduled = Date.parse((await getMailbox(db, mailbox.id))!.nextSyncAt);
      expect(scheduled - Date.now()).toBeGreaterThan(3000 * 1000);

      // Another process asks (as the HTTP server does on a change notification): the row only.
      await requestSync(db, mailbox.id);
      await waitFor('the requested run', async () => runs.length >= 2, 15_000);
      expect(runs[1]).toMatchObject({ outcome: 'synced' });
      // Seen once: no more runs for the same request.
      await new Promise((r) => setTimeout(r, 2500));
      expect(runs).toHaveLength(2);

      // This worker's own trigger runs it once too (not again when its poll sees the row).
      await worker.trigger(mailbox.id);
      await waitFor('the triggered run', async () => runs.length >= 3, 15_000);
      await new Promise((r) => setTimeout(r, 2500));
      expect(runs).toHaveLength(3);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from decision_log`.execute(db);
      expect(Number(rows[0]?.n)).toBe(0); // nothing was in the Maildir: runs, not saves, were counted
    } finally {
      await worker?.stop();
      await handle.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
