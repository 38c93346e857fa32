import type { Browser, Page } from 'playwright-core';
import { ensureBuilt } from '../support/browser/built-web';
import { launchChromium, screenshot } from '../support/browser/chromium';
import { createUser, type User } from '../../server/db/users-repo';
import { bindAccount, boundAccountOf } from '../../server/db/user-identities-repo';
import { startTestServer, type Session, type TestServer } from '../support/server/test-server';
import { openAs } from './dashboard-helpers';
import { seedActivity } from './dashboard-seed';

// The dashboard in Debian's Chromium against a running server: what a rep and an admin do, checked on the server.

jest.setTimeout(120_000);

describe('dashboard flows (Chromium, PGlite)', () => {
  let server: TestServer;
  let browser: Browser;
  let sam: Session;
  let tess: User;
  let tessSession: Session;
  beforeAll(async () => {
    ensureBuilt('dashboard');
    server = await startTestServer('pglite');
    browser = await launchChromium();
    sam = await server.signIn(server.sam);
    // Her settings change in the first test; the other reps keep the defaults.
    tess = await createUser(server.deps.db, {
      addresses: ['tess@ourco.com'],
      displayName: 'Tess Toggle',
      crmUserId: 'usr-tess',
    });
    tessSession = await server.signIn(tess);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const serverSettings = async () =>
    (await server.call('GET', '/api/settings', { as: tessSession })).body.settings;

  async function saveAndExpectConfirmation(page: Page) {
    await page.getByRole('button', { name: /^Save \d+ change/ }).click();
    await page.getByText('Settings saved').waitFor();
    await page.getByText('Applies from the next sync, within a minute.').waitFor();
  }

  test('each sync option toggles, changes the server setting and survives a reload', async () => {
    const page = await openAs(browser, server, tess, '#/settings');
    const switches = [
      ['Enable auto-sharing of emails', 'autoshareEmails'],
      ['Auto-save all emails in threads', 'threadAutosave'],
      ['Link to opportunities', 'linkToOpportunities'],
      ['Create contacts automatically', 'autoCreateContacts'],
    ] as const;
    for (const [label, key] of switches) {
      const control = page.getByRole('switch', { name: label });
      const before = (await serverSettings())[key] as boolean;
      expect(await control.isChecked()).toBe(before);
      await control.click();
      await saveAndExpectConfirmation(page);
      expect((await serverSettings())[key]).toBe(!before);
      await page.reload();
      expect(await page.getByRole('switch', { name: label }).isChecked()).toBe(!before);
    }

    await page.getByRole('radio', { name: /^Skip the whole email/ }).check();
    await saveAndExpectConfirmation(page);
    expect((await serverSettings()).blacklistPolicy).toBe('skip-email');

    await page.getByLabel('Sharing level: emails you receive').selectOption('metadata');
    await page.getByLabel('Sharing level: emails you send').selectOption('subject');
    await saveAndExpectConfirmation(page);
    expect((await serverSettings()).sharing).toEqual({ inbound: 'metadata', outbound: 'subject' });

    await page.reload();
    expect(await page.getByRole('radio', { name: /^Skip the whole email/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Sharing level: emails you receive').inputValue()).toBe('metadata');
    expect(await page.getByLabel('Sharing level: emails you send').inputValue()).toBe('subject');
    await page.context().close();
  });

  test('the dry run previews a draft before it is saved', async () => {
    await seedActivity(server, server.pat);
    const page = await openAs(browser, server, server.pat, '#/settings', { width: 800 });
    // Before any change, the page opens at its top: the first result is not scrolled to.
    await page
      .getByText('With your current settings, the last 7 days would have saved 2 emails and skipped 2.')
      .waitFor();
    expect(await page.evaluate('window.scrollY')).toBe(0);
    await page.getByRole('switch', { name: 'Enable auto-sharing of emails' }).click();
    await page
      .getByText('With these settings, the last 7 days would have saved 0 emails and skipped 4.')
      .waitFor();
    await page
      .getByRole('list', { name: 'Skipped, by reason' })
      .getByText('auto-sharing is off: 4')
      .waitFor();
    // The card sits below the long form: its new sentence is scrolled into view, and focus stays on the switch.
    // Scrolling follows the result's render: ask again until it has (the server's CSP forbids waitForFunction).
    const inView = async () =>
      page.evaluate(
        `(() => { const box = document.querySelector('[data-testid="dry-run-sentence"]').getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight; })()`,
      );
    for (let i = 0; i < 50 && !(await inView()); i++) await page.waitForTimeout(100);
    expect(await inView()).toBe(true);
    expect(await page.evaluate('document.activeElement?.getAttribute("role")')).toBe('switch');
    // Nothing was saved by the preview.
    const pat = await server.signIn(server.pat);
    expect((await server.call('GET', '/api/settings', { as: pat })).body.settings.autoshareEmails).toBe(true);
    await screenshot(page, 'dashboard-flow-dry-run-draft');
    await page.context().close();
  });

  test('a pasted blacklist with one bad entry shows the error and keeps the good entries', async () => {
    const page = await openAs(browser, server, server.sam, '#/blacklist');
    const box = page.getByRole('textbox', { name: 'Add addresses or domains' });
    await box.fill('news@vendor.com, *.evil.com, Partner.org');
    await page.getByRole('button', { name: 'Add to the blacklist' }).click();
    await page.getByText(/One entry was not added\. \*\.evil\.com: .*Wildcards are not supported/).waitFor();
    await page.getByText('Added 2').waitFor();
    expect(await box.inputValue()).toBe('*.evil.com');
    const mine = page.getByRole('table', { name: 'Blacklisted' });
    await mine.getByText('news@vendor.com').waitFor();
    await mine.getByText('partner.org').waitFor();
    await screenshot(page, 'dashboard-flow-blacklist-error');
    expect((await server.call('GET', '/api/blacklist', { as: sam })).body.mine).toEqual([
      'news@vendor.com',
      'partner.org',
    ]);

    // Removing asks first, saying what it does; until confirmed the entry stays.
    await page.getByRole('button', { name: 'Remove news@vendor.com' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove news@vendor.com from the blacklist?' });
    await confirm.getByText(/emails with news@vendor\.com can be saved to the CRM again/).waitFor();
    expect((await server.call('GET', '/api/blacklist', { as: sam })).body.mine).toContain('news@vendor.com');
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Removed news@vendor.com').waitFor();
    expect((await server.call('GET', '/api/blacklist', { as: sam })).body.mine).toEqual(['partner.org']);
    await page.reload();
    await page.getByRole('table', { name: 'Blacklisted' }).getByText('partner.org').waitFor();
    await page.context().close();
  });

  test('an admin stops autosharing: a rep’s imported activity leaves the Activity page and the embedded CRM, and comes back after a restart', async () => {
    await seedActivity(server, server.sam);
    const inCrm = async () =>
      (await server.deps.crm.recentActivities([{ kind: 'contact', id: 'con-jane-doe' }], 50))[
        'contact:con-jane-doe'
      ]?.length ?? 0;
    const crmBefore = await inCrm();
    expect(crmBefore).toBeGreaterThan(0);

    const rep = await openAs(browser, server, server.sam, '#/activity');
    const table = rep.getByRole('table', { name: 'Activity, newest first' });
    await table.getByText('Renewal terms for next year').waitFor();
    await table.getByText('Jane Doe (contact)', { exact: false }).waitFor();

    const admin = await openAs(browser, server, server.admin, '#/admin');
    await admin.getByRole('button', { name: 'Stop Smart autosharing' }).click();
    await admin.getByRole('alertdialog').getByText('Every user is removed from import').waitFor();
    await screenshot(admin, 'dashboard-flow-stop-confirm');
    await admin.getByRole('button', { name: 'Stop autosharing' }).click();
    await admin.getByText('Smart autosharing stopped').waitFor();

    await rep.reload();
    await rep.getByText('Smart autosharing is stopped').waitFor();
    await rep.getByRole('table', { name: 'Activity, newest first' }).getByText('Lunch on Friday?').waitFor();
    expect(await rep.getByText('Renewal terms for next year').count()).toBe(0);
    expect(await inCrm()).toBeLessThan(crmBefore);
    await screenshot(rep, 'dashboard-flow-activity-hidden');

    await admin.getByRole('button', { name: 'Enable Smart autosharing' }).click();
    await admin.getByRole('button', { name: 'Enable autosharing' }).click();
    await admin.getByText('Smart autosharing started').waitFor();
    // Nobody is included after a restart: the page says so instead of a green "On", and offers them back.
    await admin.getByText('On, no user included').waitFor();
    await admin
      .getByText('No user is included in import, so no mailbox is read.', { exact: false })
      .waitFor();
    expect(await admin.getByText('On', { exact: true }).count()).toBe(0);
    const adminToken = await server.token('admin@ourco.com');
    const includedBefore = (await server.call('GET', '/api/admin/users', { as: adminToken })).body.users;
    expect(includedBefore.filter((u: { includedInImport: boolean }) => u.includedInImport)).toEqual([]);
    const again = admin.getByRole('button', {
      name: /^Include again the \d+ users included before the stop$/,
    });
    await again.waitFor();
    await screenshot(admin, 'dashboard-flow-restarted-nobody-included');
    await again.click();
    await admin.getByText(/users? included again/).waitFor();
    await admin.getByText('On', { exact: true }).waitFor();
    const users = (await server.call('GET', '/api/admin/users', { as: adminToken })).body.users as {
      id: string;
      includedInImport: boolean;
    }[];
    expect(users.find((u) => u.id === server.sam.id)?.includedInImport).toBe(true);
    await screenshot(admin, 'dashboard-flow-included-again');
    await rep.reload();
    await rep
      .getByRole('table', { name: 'Activity, newest first' })
      .getByText('Renewal terms for next year')
      .waitFor();
    expect(await rep.getByText('Smart autosharing is stopped').count()).toBe(0);
    expect(await inCrm()).toBe(crmBefore);
    await rep.context().close();
    await admin.context().close();
  });

  test('activity: filter by reason, search, and each row opens its trace', async () => {
    const page = await openAs(browser, server, server.sam, '#/activity');
    const table = page.getByRole('table', { name: 'Activity, newest first' });
    await page.getByLabel('Outcome').selectOption('internal');
    await table.getByText('Lunch on Friday?').waitFor();
    await table.getByText('Cold outreach').waitFor({ state: 'detached' });
    await page.getByLabel('Outcome').selectOption('');
    await page.getByRole('searchbox').fill('bill@initech');
    await table.getByText('Lunch on Friday?').waitFor({ state: 'detached' });
    await table.getByText('Initech rollout plan').waitFor();
    await page.getByRole('button', { name: 'Why? Initech rollout plan' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Why this email was saved').waitFor();
    await dialog
      .getByRole('list', { name: 'Rules applied, in order' })
      .getByText(/Saved by auto-sharing/)
      .waitFor();
    // The trace names records as the rep knows them, not by CRM id.
    const rules = (await dialog.getByRole('list', { name: 'Rules applied, in order' }).textContent()) ?? '';
    expect(rules).toContain('contact Bill Lumbergh');
    expect(rules).not.toMatch(/contact con-/);
    await screenshot(page, 'dashboard-flow-trace');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.context().close();
  });

  test('a non-admin cannot reach the admin pages, their code or their API', async () => {
    const page = await openAs(browser, server, server.sam, '#/settings');
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    const nav = page.getByRole('navigation', { name: 'Pages' });
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
    for (const hash of ['#/admin', '#/admin/users', '#/admin/organisation']) {
      await page.goto(`/${hash}`);
      await page.getByText('Admins only').waitFor();
    }
    expect(scripts.filter((s) => /admin/.test(s))).toEqual([]);
    await screenshot(page, 'dashboard-flow-admins-only');
    // The same session's cookie and CSRF token, straight at the admin API.
    for (const [method, path, body] of [
      ['GET', '/api/admin/users'],
      ['GET', '/api/admin/organisation'],
      ['POST', '/api/admin/autosharing', { enabled: false }],
      ['GET', '/api/admin/crm'],
    ] as const) {
      const res = await server.call(method, path, { as: sam, ...(body ? { body } : {}) });
      expect(res.status).toBe(403);
    }
    await page.context().close();
  });

  test('an admin unbinds a rep’s recreated Microsoft account from the user’s details, after a confirmation', async () => {
    const rob = await createUser(server.deps.db, {
      addresses: ['rob@ourco.com'],
      displayName: 'Rob Rebound',
    });
    const account = {
      provider: 'microsoft' as const,
      tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      subject: '00000000-0000-4000-8000-00000000f00d',
    };
    expect(await bindAccount(server.deps.db, rob.id, account)).toBe(true);
    const page = await openAs(browser, server, server.admin, '#/admin/users');
    const row = page.getByRole('row').filter({ hasText: 'Rob Rebound' });
    await row.getByRole('button', { name: /Details/ }).click();
    const details = page.getByRole('dialog', { name: 'Rob Rebound' });
    await details
      .getByText(`object id ${account.subject} in tenant ${account.tenant}`, { exact: false })
      .waitFor();
    await screenshot(page, 'dashboard-flow-user-sign-in-account');
    await details.getByRole('button', { name: 'Unbind Microsoft account' }).click();
    const confirm = page.getByRole('alertdialog', { name: "Unbind Rob Rebound's Microsoft account?" });
    await confirm.getByText(/account was recreated/).waitFor();
    // Nothing happens before the confirmation.
    expect(await boundAccountOf(server.deps.db, rob.id, 'microsoft')).toEqual(account);
    await confirm.getByRole('button', { name: 'Unbind' }).click();
    await page.getByText("Rob Rebound's Microsoft account unbound").waitFor();
    expect(await boundAccountOf(server.deps.db, rob.id, 'microsoft')).toBeUndefined();
    await row.getByRole('button', { name: /Details/ }).click();
    await page
      .getByRole('dialog', { name: 'Rob Rebound' })
      .getByText(/none bound yet/)
      .waitFor();
    expect(await page.getByRole('button', { name: /^Unbind/ }).count()).toBe(0);
    // The admin's own account is never offered.
    await page.keyboard.press('Escape');
    await bindAccount(server.deps.db, server.admin.id, {
      ...account,
      subject: '00000000-0000-4000-8000-00000000adad',
    });
    await page.reload();
    await page
      .getByRole('row')
      .filter({ hasText: server.admin.displayName })
      .getByRole('button', { name: /Details/ })
      .click();
    await page
      .getByRole('dialog')
      .getByText(/00000000adad/)
      .waitFor();
    expect(await page.getByRole('button', { name: /^Unbind/ }).count()).toBe(0);
    await page.context().close();
  });

  test('keyboard: the pages are reachable with Tab and Enter', async () => {
    const page = await openAs(browser, server, server.sam, '#/settings');
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate('document.activeElement?.textContent')) === 'Blacklist';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Blacklist' }).waitFor();
    await page.context().close();
  });
});
