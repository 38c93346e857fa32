import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page, Request, Response } from 'playwright-core';
import type { Mailbox } from '../../server/db/mailboxes-repo';
import { createMaildirSource } from '../../server/providers/maildir';
import { createMailboxLock } from '../../server/sync/mailbox-lock';
import { SourceCache } from '../../server/sync/source-cache';
import { runMailbox } from '../../server/sync/sync-run';
import { connectMaildir } from '../server/sync/sync-helpers';
import { ensureBuilt } from '../support/browser/built-web';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser/chromium';
import { startTestServer, type TestServer } from '../support/server/test-server';
import { a11yViolations, openPreview, paneShot, type Preview } from './taskpane-helpers';

// The built pane in compose mode (issue 18), in Chromium through /preview at Outlook's 350 px: recipients typed in
// the preview's New email form reach the pane (RecipientsChanged), known ones with their records and unknown ones in
// New records; Save when sent posts the pick and sets the x-liaison-save header on the stand-in; Send delivers the
// message with it into the demo admin's Maildir Sent folder, and the sync saves that sent copy with the pick. The
// real /api/save/when-sent answers; the requests are only watched, to check what the pane asked for.

/** What the frame element is read as in the page (the tests' types have no DOM). */
interface FrameElement {
  style: { width: string };
}

describe('the Outlook task pane while composing (preview, Chromium, 350 px)', () => {
  let server: TestServer;
  let browser: Browser;
  let preview: Preview;
  let dir: string;
  let mailbox: Mailbox;
  const picks: unknown[] = [];
  const tokens: string[] = [];

  beforeAll(async () => {
    ensureBuilt('taskpane');
    server = await startTestServer('pglite');
    dir = await mkdtemp(path.join(os.tmpdir(), 'liaison-pane-compose-'));
    mailbox = await connectMaildir(server.deps.db, server.admin.id, dir, new Date());
    browser = await launchChromium();
    preview = await openPreview(browser, server, server.admin);
    preview.page.on('request', (request: Request) => {
      if (request.url().endsWith('/api/save/when-sent')) picks.push(request.postDataJSON());
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Clicks, and keeps the token the real route answered. */
  async function pickAnswered(click: Promise<void>): Promise<void> {
    const [response] = await Promise.all([
      preview.page.waitForResponse((r: Response) => r.url().endsWith('/api/save/when-sent')),
      click,
    ]);
    expect(response.status()).toBe(200);
    tokens.push(((await response.json()) as { token: string }).token);
  }

  async function newEmail(page: Page) {
    await page.locator('iframe').evaluate((el) => {
      (el as unknown as FrameElement).style.width = '350px';
    });
    await page.getByTestId('preview-new-email').click();
    await preview.pane().locator('main[data-kind="compose"][data-state="ready"]').waitFor();
  }

  test('typed recipients show their records; Save when sent sets the header; Send files it in Sent', async () => {
    const page = preview.page;
    await newEmail(page);
    const pane = preview.pane();
    await page.getByLabel('Subject').fill('Renewal next steps');
    await page.getByLabel('To').fill('Jane Doe <jane.doe@acme.com>, newguy@acme.com');
    await pane.locator('[data-testid="person"][data-address="jane.doe@acme.com"]').waitFor();
    expect(await pane.getByRole('tab', { name: /New records \(1\)/ }).count()).toBe(1);
    expect(await pane.getByTestId('autoshare-line').textContent()).toMatch(/^Once sent, it /);
    await paneShot(page, 'compose-known-unknown-350');
    await pane.getByRole('tab', { name: /New records/ }).click();
    expect(await pane.getByText('newguy@acme.com').count()).toBeGreaterThan(0);
    await paneShot(page, 'compose-new-records-350');
    await pane.getByRole('tab', { name: /Contacts & Leads/ }).click();
    expect(await a11yViolations(pane)).toEqual([]);

    await pane.getByRole('button', { name: 'Save when sent…' }).click();
    const dialog = pane.getByRole('dialog', { name: 'Save this email when sent' });
    await dialog.getByRole('checkbox', { name: 'Jane Doe (contact)' }).check();
    await dialog.getByRole('checkbox', { name: 'Auto-save all next emails in this thread' }).check();
    await pickAnswered(dialog.getByRole('button', { name: 'Save when sent' }).click());
    const confirmed = pane.getByTestId('save-when-sent');
    await confirmed.waitFor();
    expect(await confirmed.textContent()).toContain(
      'Will be saved to the CRM when you send it, linked to Jane Doe and Acme — 2026 renewal. ' +
        'The next emails in this thread will be saved too.',
    );
    expect(picks.at(-1)).toEqual({
      who: [{ kind: 'contact', id: 'con-jane-doe' }],
      what: { kind: 'opportunity', id: expect.any(String) },
      autosaveThread: true,
    });
    await page
      .getByTestId('preview-headers')
      .filter({ hasText: `x-liaison-save: ${tokens[0]}` })
      .waitFor();
    expect(tokens[0]).toMatch(/^v1\./);
    await paneShot(page, 'compose-save-when-sent-350');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'compose-preview-page.png') });

    // Unticked: the header goes; picked again: a new token.
    await pane.getByRole('button', { name: "Don't save it" }).click();
    await page.getByTestId('preview-headers').filter({ hasText: 'none' }).waitFor();
    await pane.getByRole('button', { name: 'Save when sent…' }).click();
    await pickAnswered(
      pane
        .getByRole('dialog', { name: 'Save this email when sent' })
        .getByRole('button', { name: 'Save when sent' })
        .click(),
    );
    await page
      .getByTestId('preview-headers')
      .filter({ hasText: `x-liaison-save: ${tokens[1]}` })
      .waitFor();

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('preview-sent').filter({ hasText: 'Sent: delivered' }).waitFor();
    const sent = await readdir(path.join(dir, '.Sent', 'new'));
    expect(sent).toHaveLength(1);
    const eml = await readFile(path.join(dir, '.Sent', 'new', sent[0]!), 'utf8');
    expect(eml).toContain(`x-liaison-save: ${tokens[1]}\r\n`);
    expect(eml).toMatch(/^Subject: Renewal next steps\r$/m);

    // The sync reads the sent copy and saves it with the second pick (Jane Doe), by hand, once.
    const result = await runMailbox(
      {
        db: server.deps.db,
        crm: server.deps.crm,
        lock: createMailboxLock(server.deps.db, 'pglite'),
        sources: new SourceCache((m) => createMaildirSource({ dir: (m.settings as { dir: string }).dir })),
        intervalMs: 60_000,
        batchSize: 50,
        maxBatchesPerRun: 2,
        secrets: server.deps.secrets,
      },
      mailbox.id,
      { force: true },
    );
    expect(result).toMatchObject({ saved: 1 });
    const activities = await server.deps.db
      .selectFrom('crm_activities')
      .innerJoin('crm_activity_links', 'crm_activity_links.activity_id', 'crm_activities.id')
      .select(['crm_activities.origin', 'crm_activity_links.role', 'crm_activity_links.record_id'])
      .where('crm_activities.subject', '=', 'Renewal next steps')
      .execute();
    // The second pick kept the dialog's choices: Jane Doe and her open opportunity.
    expect(activities).toEqual([
      { origin: 'manual', role: 'who', record_id: 'con-jane-doe' },
      { origin: 'manual', role: 'what', record_id: 'opp-acme-renewal' },
    ]);
    const log = await server.deps.db
      .selectFrom('decision_log')
      .select(['reason', 'action', 'trace'])
      .where('subject', '=', 'Renewal next steps')
      .executeTakeFirstOrThrow();
    expect(log).toMatchObject({ action: 'save', reason: 'manual' });
    expect(JSON.stringify(log.trace)).toContain(
      'Saved when sent, linked to the records you picked while writing',
    );
  });

  test('removing a recipient asks again; without Mailbox 1.8 the pane says so', async () => {
    const page = preview.page;
    await page.goto('/preview?mailbox=1.7');
    await page.getByTestId('preview-email').first().waitFor();
    await page.waitForFunction("!!document.querySelector('iframe')?.contentDocument?.querySelector('main')");
    await newEmail(page);
    const pane = preview.pane();
    await page.getByLabel('To').fill('jane.doe@acme.com, newguy@acme.com');
    await pane.locator('[data-testid="person"][data-address="jane.doe@acme.com"]').waitFor();
    await page.getByLabel('To').fill('newguy@acme.com');
    await pane.getByRole('tab', { name: 'Contacts & Leads (0)' }).waitFor();
    expect(await pane.getByTestId('no-headers').textContent()).toBe(
      "This Outlook can't mark an email to be saved when sent (that needs Mailbox 1.8). This new email has no " +
        'conversation yet: once it is sent, open it in Sent Items and choose Save…; tick "Auto-save all next ' +
        'emails in this thread" there to save the replies too.',
    );
    expect(await pane.getByRole('button', { name: 'Save when sent…' }).count()).toBe(0);
    await page.getByLabel('To').fill('jane.doe@acme.com, newguy@acme.com');
    await pane.locator('[data-testid="person"][data-address="jane.doe@acme.com"]').waitFor();
    await paneShot(page, 'compose-no-mailbox-1.8-350');
  });
});
