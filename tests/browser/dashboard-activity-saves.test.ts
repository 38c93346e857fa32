import type { Browser } from 'playwright-core';
import { decideAutoshare, type MailMessage } from '../../src';
import { gatherContext } from '../../server/context/gather-context';
import { recordDecisions } from '../../server/db/decision-log-repo';
import { recordSavedEmail } from '../../server/db/ledger-repo';
import { ensureBuilt } from '../support/browser/built-web';
import { launchChromium, screenshot } from '../support/browser/chromium';
import { startTestServer, type TestServer } from '../support/server/test-server';
import { openAs } from './dashboard-helpers';

// The dashboard's Activity page in Chromium: an email the sync skipped (auto-sharing off) and the rep then saved
// by hand, and an email thread auto-save saved, both listed as saved with who, how and when; the trace of the
// manual save says it was saved by hand, not "Skipped: auto-sharing is off".

jest.setTimeout(120_000);

const email = (id: string, subject: string, minutesAgo: number): MailMessage => ({
  internetMessageId: `<${id}@mail.acme.com>`,
  threadId: `thread-${id}`,
  folder: 'inbox',
  from: { address: 'jane.doe@acme.com' },
  to: [{ address: 'sam@ourco.com' }],
  cc: [],
  bcc: [],
  subject,
  sentAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
});

describe('Activity page: saves by hand and by thread auto-save (Chromium, PGlite)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ensureBuilt('dashboard');
    server = await startTestServer('pglite');
    browser = await launchChromium();
    const manual = email('by-hand', 'Quote for the pilot', 30);
    const { ctx } = await gatherContext(server.deps, server.sam, [manual]);
    ctx.settings = { ...ctx.settings, autoshareEmails: false };
    await recordDecisions(server.deps.db, [
      {
        userId: server.sam.id,
        message: manual,
        direction: 'inbound',
        decision: decideAutoshare(manual, ctx),
      },
    ]);
    const saved = await server.call('POST', '/api/save', {
      as: await server.token('sam@ourco.com'),
      body: { message: manual, who: [{ kind: 'contact', id: 'con-jane-doe' }], level: 'subject' },
    });
    expect(saved.status).toBe(200);

    const thread = email('in-thread', 'Re: Renewal terms', 60);
    const links = [{ kind: 'contact' as const, id: 'con-jane-doe' }];
    const what = { kind: 'opportunity' as const, id: 'opp-acme-expansion' };
    await recordSavedEmail(server.deps.db, {
      messageId: thread.internetMessageId,
      activityId: 'act-thread',
      links: [...links, what],
      savedBy: server.sam.id,
      mode: 'automatic',
    });
    await recordDecisions(server.deps.db, [
      {
        userId: server.sam.id,
        message: thread,
        direction: 'inbound',
        decision: {
          action: 'save',
          reason: 'thread_autosave',
          who: links,
          what,
          create: [],
          content: 'subject',
          trace: [
            'Saved by thread auto-save, linked to contact con-jane-doe and opportunity opp-acme-expansion.',
          ],
        },
      },
    ]);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('both rows are Saved, saying by whom, how and when; the manual trace says it was saved by hand', async () => {
    const page = await openAs(browser, server, server.sam, '#/activity');
    const rows = page.getByRole('table', { name: 'Activity, newest first' }).getByRole('row');
    const manualRow = rows.filter({ hasText: 'Quote for the pilot' });
    const threadRow = rows.filter({ hasText: 'Re: Renewal terms' });
    await manualRow.waitFor();
    expect(await manualRow.count()).toBe(1); // one row per email, not the skip and the save
    expect(await manualRow.textContent()).toMatch(
      /SavedSaved by hand by you on .+, linked to Jane Doe \(contact\), with subject and metadata/,
    );
    expect(await manualRow.textContent()).not.toContain('auto-sharing is off');
    expect(await threadRow.textContent()).toMatch(
      /SavedSaved by thread auto-save from your mailbox on .+, linked to Jane Doe \(contact\), Acme — UK expansion \(opportunity\)/,
    );
    await screenshot(page, 'dashboard-activity-saves');

    await page.getByRole('button', { name: 'Why? Quote for the pilot' }).click();
    const dialog = page.getByRole('dialog', { name: 'Why this email was saved' });
    await dialog.waitFor();
    const trace = dialog.getByRole('list', { name: 'Rules applied, in order' });
    expect(await trace.textContent()).toContain(
      'Saved by hand by Sam Seller from the sidebar: a rep may save any email (rulebook section 4).',
    );
    expect(await trace.textContent()).toContain('Linked to contact Jane Doe, with subject and metadata.');
    expect(await dialog.textContent()).not.toContain('auto-sharing is off');
    await screenshot(page, 'dashboard-activity-manual-trace');
    await page.context().close();
  });
});
