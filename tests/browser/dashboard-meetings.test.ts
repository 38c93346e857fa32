import type { Browser, Page } from 'playwright-core';
import { getMailboxOfUser } from '../../server/db/mailboxes-repo';
import { recordCalendarOutcome } from '../../server/db/event-ledger-repo';
import { updateSyncSettings } from '../../server/db/settings-repo';
import { CalendarConsentMissing } from '../../server/providers/calendar-consent';
import { calendarErrorText } from '../../server/sync/calendar/calendar-error-text';
import { seriousA11yViolations } from '../support/browser/axe';
import { ensureBuilt } from '../support/browser/built-web';
import { launchChromium, screenshot } from '../support/browser/chromium';
import { startTestServer, type TestServer } from '../support/server/test-server';
import { openAs } from './dashboard-helpers';
import { seedEvents } from './dashboard-event-seed';
import { seedActivity } from './dashboard-seed';

// Meetings in the dashboard, in Chromium: the calendar switches with the horizon in words and the dry run counting
// meetings and appointments apart with their reasons; Activity listing emails and meetings together, filtered by kind,
// a cancelled meeting shown as such with its trace; the admin's Users page covering the calendar. Each at 1280 and
// 800 px, with no serious or critical axe violation.

jest.setTimeout(300_000);

const WIDTHS = [1280, 800];
/** The light theme at both widths, and the dark one at 1280 (its screenshots end in -dark). */
const VARIANTS = [
  { width: 1280, dark: false, name: '1280' },
  { width: 800, dark: false, name: '800' },
  { width: 1280, dark: true, name: '1280-dark' },
];

async function settled(page: Page, title: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.waitForFunction('document.querySelectorAll("[role=progressbar]").length === 0');
}

describe('meetings in the dashboard (Chromium, PGlite)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ensureBuilt('dashboard');
    server = await startTestServer('pglite');
    browser = await launchChromium();
    await seedActivity(server, server.sam);
    await seedEvents(server, server.sam);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('sync settings: the calendar switches name the horizon; the dry run counts meetings and appointments apart', async () => {
    for (const width of WIDTHS) {
      const page = await openAs(browser, server, server.sam, '#/settings', { width, bypassCSP: true });
      await settled(page, 'Sync settings');
      const meetings = page.getByRole('switch', { name: 'Enable meetings auto-sharing' });
      const appointments = page.getByRole('switch', { name: 'Enable appointments auto-sharing' });
      expect(await meetings.isChecked()).toBe(false);
      expect(await appointments.isChecked()).toBe(false);
      await page.getByText(/meetings with your known contacts and leads, up to 30 days ahead/).waitFor();
      await page
        .getByText(/your appointments \(events with no one else invited\), up to 30 days ahead/)
        .waitFor();
      await page
        .getByText(
          'With your current settings, the last 7 days would have saved 0 meetings and skipped 4: 2 with meetings auto-sharing off, 1 cancelled, 1 declined.',
        )
        .waitFor();
      await page
        .getByText(
          'With your current settings, the last 7 days would have saved 0 appointments and skipped 1: 1 with appointments auto-sharing off.',
        )
        .waitFor();
      // The emails keep their own line.
      await page.getByText(/With your current settings, the last 7 days would have saved 2 emails/).waitFor();
      await meetings.click();
      await page
        .getByText(
          'With these settings, the last 7 days would have saved 1 meeting and skipped 3: 1 cancelled, 1 declined, 1 internal.',
        )
        .waitFor();
      await screenshot(page, `dashboard-meetings-settings-${width}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.context().close();
    }
  });

  test('saving the switch writes the setting the calendar sync reads', async () => {
    // With the server's Content-Security-Policy in force, as people use it.
    const page = await openAs(browser, server, server.sam, '#/settings');
    await page.getByRole('switch', { name: 'Enable meetings auto-sharing' }).click();
    await page.getByRole('button', { name: 'Save 1 change' }).click();
    await page.getByText('Settings saved').waitFor();
    const sam = await server.signIn(server.sam);
    const saved = (await server.call('GET', '/api/settings', { as: sam })).body.settings;
    expect(saved).toMatchObject({ autoshareMeetings: true, autoshareAppointments: false });
    await page.reload();
    await page.getByRole('switch', { name: 'Enable meetings auto-sharing', checked: true }).waitFor();
    expect(await page.getByRole('switch', { name: 'Enable meetings auto-sharing' }).isChecked()).toBe(true);
    await page.context().close();
    await updateSyncSettings(server.deps.db, server.sam.id, { autoshareMeetings: false });
  });

  test('activity: emails and meetings in one list, filtered by kind; a cancelled meeting says so, with its trace', async () => {
    for (const { width, dark, name } of VARIANTS) {
      const page = await openAs(browser, server, server.sam, '#/activity', { width, dark, bypassCSP: true });
      await settled(page, 'Activity');
      const table = page.getByRole('table', { name: 'Activity, newest first' });
      const row = (text: string) => table.getByRole('row').filter({ hasText: text });
      await row('Renewal review with Acme').waitFor();
      await row('Renewal terms for next year').waitFor();
      expect(await row('Renewal review with Acme').textContent()).toMatch(
        /Meeting: jane\.doe@acme\.com.*SavedSaved to the CRM calendar, linked to Jane Doe/,
      );
      expect(await row('Acme kick-off').textContent()).toMatch(
        /CancelledCancelled: marked cancelled in the CRM calendar \(never deleted\)/,
      );
      expect(await row('Pricing call').textContent()).toContain('Skipped: declined');
      expect(await row('Focus time').textContent()).toMatch(
        /Appointment: .*Skipped: with appointments auto-sharing off/,
      );
      await screenshot(page, `dashboard-meetings-activity-all-${name}`);
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByLabel('Show').selectOption('event');
      await row('Renewal terms for next year').waitFor({ state: 'detached' });
      expect(await row('Renewal review with Acme').count()).toBe(1);
      expect(await table.getByRole('row').count()).toBe(1 + 5); // the header and the five events
      await screenshot(page, `dashboard-meetings-activity-meetings-${name}`);

      await page.getByLabel('Show').selectOption('email');
      await row('Renewal review with Acme').waitFor({ state: 'detached' });
      expect(await row('Renewal terms for next year').count()).toBe(1);
      expect(await row('Acme kick-off').count()).toBe(0);

      await page.getByLabel('Show').selectOption('event');
      await page.getByRole('button', { name: 'Why? Acme kick-off' }).click();
      const dialog = page.getByRole('dialog', { name: 'Why this meeting shows as cancelled' });
      await dialog.waitFor();
      const trace = dialog.getByRole('list', { name: 'Rules applied, in order' });
      expect(await trace.textContent()).toMatch(/cancel/i);
      await screenshot(page, `dashboard-meetings-activity-trace-${name}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.context().close();
    }
  });

  test('activity: Meetings with no event yet says when they are listed', async () => {
    const page = await openAs(browser, server, server.pat, '#/activity', { bypassCSP: true });
    await settled(page, 'Activity');
    await page.getByLabel('Show').selectOption('event');
    await page.getByText('No meeting yet').waitFor();
    await page
      .getByText(/while "Enable meetings auto-sharing" or "Enable appointments auto-sharing" is on/)
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  test("admin users: each user's calendar, connected or needing consent again", async () => {
    await updateSyncSettings(server.deps.db, server.sam.id, { autoshareMeetings: true });
    const mailbox = (await getMailboxOfUser(server.deps.db, server.sam.id))!;
    await recordCalendarOutcome(
      server.deps.db,
      mailbox.id,
      calendarErrorText(new CalendarConsentMissing('Microsoft 365', 'Calendars.Read')),
      new Date(),
    );
    for (const { width, dark, name } of VARIANTS) {
      const page = await openAs(browser, server, server.admin, '#/admin/users', {
        width,
        dark,
        bypassCSP: true,
      });
      await settled(page, 'Users');
      const samRow = page.getByRole('row').filter({ hasText: 'sam@ourco.com' });
      await samRow.getByText('Needs consent again').waitFor();
      expect(await samRow.textContent()).toContain(
        'They must reconnect their mailbox on My mailbox and accept calendar access.',
      );
      const patRow = page.getByRole('row').filter({ hasText: 'pat@ourco.com' });
      expect(await patRow.textContent()).toContain('Shares no meetings or appointments.');
      await screenshot(page, `dashboard-meetings-admin-users-${name}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: /^Details for Sam/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Last calendar sync').waitFor();
      expect(await dialog.textContent()).toContain('Calendar sharingon (meetings or appointments)');
      await screenshot(page, `dashboard-meetings-admin-details-${name}`);
      await page.context().close();
    }
    await recordCalendarOutcome(server.deps.db, mailbox.id, null, new Date());
    await updateSyncSettings(server.deps.db, server.sam.id, { autoshareMeetings: false });
  });
});
