import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { updateUser } from '../../server/db/users-repo';
import { InvitationCalendarSource } from '../../server/providers/invitation-calendar-source';
import { createMaildirSource, deliverToMaildir } from '../../server/providers/maildir';
import { processCalendarBatch } from '../../server/sync/calendar/calendar-batch';
import { crmEventWriter } from '../../server/sync/calendar/calendar-crm';
import { demoInvitations } from '../../server/sync/demo/demo-invitations';
import { connectMaildir } from '../server/sync/sync-helpers';
import { ensureBuilt } from '../support/browser/built-web';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser/chromium';
import { startTestServer, type TestServer } from '../support/server/test-server';
import { a11yViolations, openPreview, paneShot, type Preview } from './taskpane-helpers';

// The pane's main screens at 350 px in Outlook's light and dark themes, pictured for the design review (issue 19):
// an email from known people, its New records tab, a meeting and compose mode, each with no serious or critical
// accessibility violation. PANE_SHOTS_PREFIX names the pictures (test-artifacts/screenshots/pane-<prefix>-…).

const RENEWAL = 'Renewal: updated quote?';
const INTRO = 'Introduction: new purchasing lead at Acme';
const WALKTHROUGH = 'Acme renewal walkthrough';
const PREFIX = process.env.PANE_SHOTS_PREFIX ?? 'design';
const COPY_TO = process.env.PANE_SHOTS_COPY_TO;

describe('the pane at 350 px, light and dark (preview, Chromium)', () => {
  let server: TestServer;
  /** A second server whose admin's Maildir holds the demo's invitations (the preview then lists that mailbox). */
  let meetings: TestServer;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    ensureBuilt('taskpane');
    server = await startTestServer('pglite');
    await updateUser(server.deps.db, server.admin.id, { connectedAt: '2026-01-01T00:00:00Z' });
    meetings = await startTestServer('pglite');
    await updateUser(meetings.deps.db, meetings.admin.id, { connectedAt: '2026-01-01T00:00:00Z' });
    dir = await mkdtemp(path.join(os.tmpdir(), 'liaison-pane-design-'));
    const connectedAt = new Date(Date.now() - 60_000);
    const mailbox = await connectMaildir(meetings.deps.db, meetings.admin.id, dir, connectedAt);
    const calendar = new InvitationCalendarSource(createMaildirSource({ dir }));
    const cursor = await calendar.initialCursor(connectedAt, 30);
    for (const m of demoInvitations(new Date())) await deliverToMaildir(dir, m.folder, m.eml);
    const crm = meetings.deps.crm;
    await processCalendarBatch(
      { db: meetings.deps.db, crm, events: crmEventWriter(crm) },
      mailbox,
      meetings.admin,
      await calendar.changes(cursor),
    );
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await meetings?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function shot(preview: Preview, name: string) {
    await preview.page.waitForTimeout(400); // a tab's underline slides in; let it land for the picture
    expect(await a11yViolations(preview.pane())).toEqual([]);
    const file = `pane-${PREFIX}-${name}`;
    await paneShot(preview.page, file);
    if (COPY_TO) {
      await mkdir(COPY_TO, { recursive: true });
      await copyFile(path.join(SCREENSHOT_DIR, `${file}.png`), path.join(COPY_TO, `${file}.png`));
    }
  }

  for (const theme of ['light', 'dark'] as const) {
    test(`${theme}: an email from known people, its New records, a meeting and a new email`, async () => {
      const preview = await openPreview(browser, server, server.admin, {
        dark: theme === 'dark',
        width: 900,
      });
      const pane = preview.pane();
      await preview.open(RENEWAL);
      await pane.getByTestId('person').first().waitFor();
      await shot(preview, `email-${theme}`);
      // The Save dialog: each record it offers opens in the CRM.
      await pane.getByRole('button', { name: 'Save…' }).click();
      const dialog = pane.getByRole('dialog');
      await dialog.getByRole('link', { name: 'Open Jane Doe in the CRM' }).waitFor();
      await shot(preview, `save-dialog-${theme}`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });

      await preview.open(INTRO);
      await pane.getByRole('tab', { name: /New records/ }).click();
      await pane.getByTestId('suggestion').first().waitFor();
      await shot(preview, `new-records-${theme}`);

      await preview.page.getByTestId('preview-new-email').click();
      await pane.locator('main[data-kind="compose"][data-state="ready"]').waitFor();
      await preview.page.getByLabel('Subject').fill('Renewal next steps');
      await preview.page.getByLabel('To').fill('Jane Doe <jane.doe@acme.com>, newguy@acme.com');
      await pane.locator('[data-testid="person"][data-address="jane.doe@acme.com"]').waitFor();
      await shot(preview, `compose-${theme}`);
      await preview.page.context().close();

      const calendar = await openPreview(browser, meetings, meetings.admin, {
        dark: theme === 'dark',
        width: 900,
      });
      const meetingPane = calendar.pane();
      await calendar.page.getByTestId('preview-meeting').filter({ hasText: WALKTHROUGH }).click();
      await meetingPane
        .locator('main[data-kind="meeting"][data-state="ready"]')
        .filter({ has: meetingPane.getByText(WALKTHROUGH, { exact: true }) })
        .waitFor();
      await shot(calendar, `meeting-${theme}`);
      await calendar.page.context().close();
    }, 120_000);
  }
});
