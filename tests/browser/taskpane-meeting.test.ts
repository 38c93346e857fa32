import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { savedEventsByKeys } from '../../server/db/event-ledger-repo';
import { updateUser } from '../../server/db/users-repo';
import { InvitationCalendarSource } from '../../server/providers/invitation-calendar-source';
import { createMaildirSource, deliverToMaildir } from '../../server/providers/maildir';
import { processCalendarBatch } from '../../server/sync/calendar/calendar-batch';
import { crmEventWriter } from '../../server/sync/calendar/calendar-crm';
import { demoInvitations } from '../../server/sync/demo/demo-invitations';
import { connectMaildir } from '../server/sync/sync-helpers';
import { ensureBuilt } from '../support/browser/built-web';
import { launchChromium, screenshot } from '../support/browser/chromium';
import { startTestServer, type TestServer } from '../support/server/test-server';
import { a11yViolations, openPreview, paneShot, type Preview } from './taskpane-helpers';

// The built task pane on a meeting, in Chromium through /preview (event-rules.md section 6): the demo's invitations
// delivered to the demo admin's Maildir and read once by the calendar sync (meetings auto-sharing off, as for a new
// user), then the pane on the customer meeting: its known attendees, the autosharing line and Why?, Save meeting by
// hand, Do Not Sync on the attendee who is not in the CRM, and a pinned pane moving between emails and meetings.

const WALKTHROUGH = 'Acme renewal walkthrough';
const APPOINTMENT = 'Prepare the Globex proposal';

describe('the Outlook task pane on a meeting (preview, Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let preview: Preview;
  let dir: string;

  beforeAll(async () => {
    ensureBuilt('taskpane');
    server = await startTestServer('pglite');
    await updateUser(server.deps.db, server.admin.id, { connectedAt: '2026-01-01T00:00:00Z' });
    // The demo admin's mailbox, its invitations delivered after it was connected, read once by the calendar sync.
    dir = await mkdtemp(path.join(os.tmpdir(), 'liaison-pane-meeting-'));
    const connectedAt = new Date(Date.now() - 60_000);
    const mailbox = await connectMaildir(server.deps.db, server.admin.id, dir, connectedAt);
    const calendar = new InvitationCalendarSource(createMaildirSource({ dir }));
    const cursor = await calendar.initialCursor(connectedAt, 30);
    for (const m of demoInvitations(new Date())) await deliverToMaildir(dir, m.folder, m.eml);
    const crm = server.deps.crm;
    await processCalendarBatch(
      { db: server.deps.db, crm, events: crmEventWriter(crm) },
      mailbox,
      server.admin,
      await calendar.changes(cursor),
    );
    browser = await launchChromium();
    preview = await openPreview(browser, server, server.admin);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Picks the meeting whose subject is `subject` and waits until the pane shows its view. */
  async function openMeeting(subject: string) {
    const page = preview.page;
    await page.getByTestId('preview-meeting').filter({ hasText: subject }).click();
    await preview
      .pane()
      .locator('main[data-kind="meeting"][data-state="ready"]')
      .filter({ has: preview.pane().getByText(subject, { exact: true }) })
      .waitFor();
  }

  test('a meeting shows its known attendees with their records, the autosharing line and why', async () => {
    await openMeeting(WALKTHROUGH);
    const pane = preview.pane();
    const people = pane.getByTestId('person');
    expect(await people.evaluateAll((els) => els.map((e) => e.getAttribute('data-address')))).toEqual([
      'jane.doe@acme.com',
      'john.smith@acme.com',
    ]);
    expect(await people.first().textContent()).toContain('Organizer: jane.doe@acme.com');
    expect(await people.first().textContent()).toContain('Acme Corporation');
    expect(await pane.getByTestId('meeting-facts').textContent()).toContain('Location: Microsoft Teams');
    // New users share no meetings automatically: the line says so, and Why? gives the rules' reasons by name.
    expect(await pane.getByTestId('autoshare-line').textContent()).toBe(
      "Won't be saved: meetings auto-sharing is off.",
    );
    await pane.getByRole('button', { name: 'Why?' }).click();
    const trace = await pane.getByTestId('autoshare-trace').textContent();
    expect(trace).toContain('meeting');
    expect(trace).not.toContain('con-jane-doe');
    expect(await pane.getByRole('tab', { name: 'New records (1)' }).count()).toBe(1);
    expect(await a11yViolations(pane)).toEqual([]);
    await paneShot(preview.page, 'taskpane-meeting-known-attendees-350');
    await screenshot(preview.page, 'taskpane-meeting-preview-light');
  });

  test('Save meeting by hand links the records picked, through the CRM and the event ledger', async () => {
    await openMeeting(WALKTHROUGH);
    const pane = preview.pane();
    await pane.getByRole('button', { name: 'Save meeting…' }).click();
    const dialog = pane.getByRole('dialog');
    await dialog.getByText('Save this meeting').waitFor();
    // As autosharing would link (nobody, with meetings off): every person shown is ticked at first.
    expect(await dialog.getByRole('checkbox', { name: 'Jane Doe (contact)' }).isChecked()).toBe(true);
    await dialog.getByRole('checkbox', { name: 'John Smith (contact)' }).uncheck();
    expect(await a11yViolations(pane)).toEqual([]);
    await paneShot(preview.page, 'taskpane-meeting-save-dialog-350');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await pane.getByText('The meeting is saved to the CRM.').waitFor();
    await pane.getByTestId('saved').waitFor();
    expect(await pane.getByTestId('saved').textContent()).toMatch(
      /By hand on .*; its CRM event belongs to Dana Admin, linked to Jane Doe \(contact\)\./,
    );
    // Saved and unchanged: no second save is offered (rule 6).
    expect(await pane.getByRole('button', { name: 'Save meeting…' }).count()).toBe(0);
    const key = 'acme-renewal-walkthrough@demo.ourco.com';
    const entry = (await savedEventsByKeys(server.deps.db, [key])).get(key);
    expect(entry).toMatchObject({
      mode: 'manual',
      links: { who: [{ kind: 'contact', id: 'con-jane-doe' }] },
    });
    expect((await server.deps.crm.findEventsByKeys([key])).length).toBe(1);
    await paneShot(preview.page, 'taskpane-meeting-saved-350');
  });

  test('Do Not Sync on an attendee not in the CRM: blacklisted at once, then hidden and counted', async () => {
    await openMeeting(WALKTHROUGH);
    const pane = preview.pane();
    await pane.getByRole('tab', { name: 'New records (1)' }).click();
    const lee = pane.getByTestId('suggestion').filter({ hasText: 'lee@northwind-advisors.com' });
    expect(await lee.textContent()).toContain('Lee Advisor');
    await pane.getByRole('button', { name: 'Do Not Sync lee@northwind-advisors.com' }).click();
    await pane.getByText("lee@northwind-advisors.com won't be synced.", { exact: false }).waitFor();
    await pane.getByRole('tab', { name: 'New records (0)' }).waitFor();
    await pane.getByRole('tab', { name: 'New records (0)' }).click();
    await pane.getByText('1 address in this meeting is on a Do Not Sync list and is not shown.').waitFor();
    expect(await pane.getByRole('tabpanel').textContent()).toContain(
      'Everyone outside your company in this meeting is already in the CRM or on a Do Not Sync list.',
    );
    const list = await server.call('GET', '/api/blacklist', {
      as: await server.token(server.admin.addresses[0]!),
    });
    expect(JSON.stringify(list.body)).toContain('lee@northwind-advisors.com');
    expect(await a11yViolations(pane)).toEqual([]);
    await paneShot(preview.page, 'taskpane-meeting-do-not-sync-350');
  });

  test("pinned, the pane follows the selection from a meeting to an email and back, never showing the last item's data", async () => {
    await openMeeting(APPOINTMENT);
    const pane = preview.pane();
    expect(await pane.getByTestId('resources').textContent()).toBe('Room: Board Room');
    // The room is never a person: an appointment has nobody to show, and says where it goes.
    expect(await pane.getByTestId('person').count()).toBe(0);
    expect(await pane.getByTestId('alone').textContent()).toBe(
      'Nobody else takes part: when saved, it goes to your own CRM calendar, linked to no one.',
    );
    await paneShot(preview.page, 'taskpane-appointment-room-350');

    await preview.page.getByTestId('preview-email').first().click();
    await pane.locator('main[data-kind="email"][data-state="ready"]').waitFor();
    expect(await pane.getByTestId('meeting-facts').count()).toBe(0);
    expect(await pane.getByTestId('resources').count()).toBe(0);

    await openMeeting(WALKTHROUGH);
    expect(await pane.getByTestId('subject').textContent()).toBe(WALKTHROUGH);
    expect(await pane.getByTestId('resources').count()).toBe(0);
    expect(await pane.getByTestId('person').count()).toBe(2);
  });

  test("in Outlook's dark theme the meeting reads as well (axe, screenshot)", async () => {
    await openMeeting(WALKTHROUGH);
    await preview.page.getByRole('switch', { name: 'Dark theme' }).click();
    const pane = preview.pane();
    // Until the pane has taken the theme (Outlook's OfficeThemeChanged reaches it): a dark background.
    await pane.waitForFunction(
      "Number((getComputedStyle(document.querySelector('main')).backgroundColor.match(/\\d+/) || ['255'])[0]) < 100",
    );
    expect(await a11yViolations(pane)).toEqual([]);
    await paneShot(preview.page, 'taskpane-meeting-dark-350');
    await preview.page.getByRole('switch', { name: 'Dark theme' }).click();
  });
});
