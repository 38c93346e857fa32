import type { Browser, Page } from 'playwright-core';
import { connectMailbox } from '../../server/db/mailboxes-repo';
import { createUser, type User } from '../../server/db/users-repo';
import { seriousA11yViolations } from '../support/browser/axe';
import { ensureBuilt } from '../support/browser/built-web';
import { launchChromium, screenshot } from '../support/browser/chromium';
import { startTestServer, type TestServer } from '../support/server/test-server';
import { openAs } from './dashboard-helpers';
import { seedActivity } from './dashboard-seed';

// The first-run guide: shown to a new user, each step marked from what the server says now, and gone for good (in
// every browser) once dismissed.

jest.setTimeout(180_000);

/** "Done" or "To do", as the step tells a screen reader (the tick beside it is decorative). */
async function stepState(page: Page, id: string): Promise<string> {
  const text = await page.getByTestId(`guide-step-${id}`).innerText();
  return text.includes('Done:') ? 'done' : text.includes('To do:') ? 'to do' : `unclear: ${text}`;
}

const guide = (page: Page) => page.getByRole('region', { name: 'Get started with Liaison' });

describe('first-run guide (Chromium, PGlite)', () => {
  let server: TestServer;
  let browser: Browser;
  let nina: User;
  beforeAll(async () => {
    ensureBuilt('dashboard');
    server = await startTestServer('pglite');
    browser = await launchChromium();
    nina = await createUser(server.deps.db, {
      addresses: ['nina@ourco.com'],
      displayName: 'Nina New',
      crmUserId: 'usr-nina',
    });
    await seedActivity(server, nina);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a new user sees their three steps, none done, each linking to its page; no serious a11y violation', async () => {
    for (const dark of [false, true]) {
      const page = await openAs(browser, server, nina, '#/settings', { width: 800, dark, bypassCSP: true });
      await guide(page).waitFor();
      expect(
        await guide(page)
          .getByText(/^Your organisation ·/)
          .count(),
      ).toBe(0);
      expect(await guide(page).getByText('You · 0 of 3 done').count()).toBe(1);
      for (const [id, href] of [
        ['mailbox', '#/mailbox'],
        ['settings', '#/settings'],
        ['why', '#/activity'],
      ] as const) {
        expect([id, await stepState(page, id)]).toEqual([id, 'to do']);
        expect(await page.getByTestId(`guide-step-${id}`).getByRole('link').getAttribute('href')).toBe(href);
      }
      await screenshot(page, `dashboard-guide-new-user-800-${dark ? 'dark' : 'light'}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.context().close();
    }
  });

  test('the steps follow the real state: saved settings, an opened Why?, the admin’s switches, a connected mailbox', async () => {
    const page = await openAs(browser, server, nina, '#/activity');
    await guide(page).waitFor();
    // Saving settings of her own (here through the API, as the Save button does) marks "Choose what is shared".
    const session = await server.signIn(nina);
    expect(
      (await server.call('PATCH', '/api/settings', { as: session, body: { threadAutosave: false } })).status,
    ).toBe(200);
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Blacklist' }).click();
    await page.getByTestId('guide-step-settings').filter({ hasText: 'Done:' }).waitFor();
    expect(await stepState(page, 'settings')).toBe('done');
    expect(await stepState(page, 'why')).toBe('to do');
    // Opening a Why? marks its step, without leaving the page.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('button', { name: /^Why\? Renewal terms/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('guide-step-why').filter({ hasText: 'Done:' }).waitFor();
    expect(await stepState(page, 'mailbox')).toBe('to do');
    await page.context().close();

    // Once Nina's mailbox is connected (here in the database, as the connect flows end), her step says so, with the
    // address the server reports.
    await connectMailbox(server.deps.db, {
      userId: nina.id,
      kind: 'maildir',
      settings: { dir: '/nowhere', address: 'nina@ourco.com' },
      connectedAt: new Date(),
      cursor: { n: 0 },
    });
    const again = await openAs(browser, server, nina, '#/settings');
    await guide(again).waitFor();
    const mailbox = (await server.call('GET', '/api/mailbox', { as: session })).body;
    expect(mailbox.connected).toBe(true);
    expect(await stepState(again, 'mailbox')).toBe('done');
    await again
      .getByTestId('guide-step-mailbox')
      .getByText(`Connected: ${mailbox.mailbox.address}.`)
      .waitFor();
    expect(await again.getByTestId('guide-step-settings').innerText()).toContain('Done:');
    await again.context().close();

    // The admin also sees the organisation's steps, each as the admin API reports it.
    const admin = await openAs(browser, server, server.admin, '#/settings');
    await guide(admin)
      .getByText(/^Your organisation ·/)
      .waitFor();
    const adminSession = await server.signIn(server.admin);
    const organisation = (await server.call('GET', '/api/admin/organisation', { as: adminSession })).body;
    const crm = (await server.call('GET', '/api/admin/crm', { as: adminSession })).body;
    expect(await stepState(admin, 'autosharing')).toBe(organisation.autosharingEnabled ? 'done' : 'to do');
    expect(await stepState(admin, 'users')).toBe(organisation.usersImport.included > 0 ? 'done' : 'to do');
    expect(await stepState(admin, 'crm')).toBe(crm.salesforce.connected ? 'done' : 'to do');
    // Stopping autosharing un-marks its step on the next page.
    expect(
      (await server.call('POST', '/api/admin/autosharing', { as: adminSession, body: { enabled: false } }))
        .status,
    ).toBe(200);
    await admin.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Blacklist' }).click();
    await admin.getByTestId('guide-step-autosharing').filter({ hasText: 'To do:' }).waitFor();
    await screenshot(admin, 'dashboard-guide-admin-1280-light');
    expect(
      (await server.call('POST', '/api/admin/autosharing', { as: adminSession, body: { enabled: true } }))
        .status,
    ).toBe(200);
    await admin.context().close();
  });

  test('dismissed, the guide stays dismissed for that user after a reload and in another browser; another user still sees theirs', async () => {
    const page = await openAs(browser, server, nina, '#/settings');
    const remembered = page.waitForResponse(
      (r) => r.url().endsWith('/api/guide') && r.request().method() === 'POST',
    );
    await guide(page).getByRole('button', { name: 'Dismiss the guide' }).click();
    expect((await remembered).status()).toBe(200);
    expect(await guide(page).count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sync settings' }).waitFor();
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
    await page.getByRole('table', { name: 'Activity, newest first' }).waitFor();
    expect(await guide(page).count()).toBe(0);

    // Another browser, Nina again: the server remembers, so the guide stays dismissed there too.
    const elsewhere = await openAs(browser, server, nina, '#/activity');
    await elsewhere.getByRole('table', { name: 'Activity, newest first' }).waitFor();
    await elsewhere.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
    expect(await guide(elsewhere).count()).toBe(0);
    await elsewhere.context().close();

    // Same browser, another person signed in: the dismissal was Nina's, not this browser's.
    const link = await server.deps.links.createLink(server.url, server.pat.id);
    await page.goto(link);
    await page.waitForURL(`${server.url}/`);
    await guide(page).waitFor();
    await page.context().close();
  });
});
