import { copyFileSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { updateOrganisation } from '../../server/db/organisation-repo';
import { deliverToMaildir } from '../../server/providers/maildir/deliver-to-maildir';
import { demoEmails } from '../../server/sync/demo/demo-emails';
import { connectMaildir } from '../server/sync/sync-helpers';
import { ensureBuilt } from '../support/browser/built-web';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser/chromium';
import { startTestServer, type TestServer } from '../support/server/test-server';
import { a11yViolations, openPreview } from './taskpane-helpers';

// New records' prefill (issue 19) in the built pane through /preview: the demo admin's Maildir holds the demo emails,
// Wile E. Coyote's introduction signed with his title and phones. Create contact opens usable at once, the empty
// fields fill in with where each value came from, what the rep typed first stays, and the create carries the
// phones into the CRM. The organisation's setting off: nothing read from emails is shown.

const INTRO = 'Introduction: new purchasing lead at Acme';
const CAPTION = /^From the signature of “Introduction: new purchasing lead at Acme”, \d{1,2} [A-Z][a-z]{2}$/;

/** The pane's frame at 350 px, pictured with its dialog, copied to /work/shots when that folder is asked for. */
async function dialogShot(page: Page, name: string): Promise<void> {
  const frame = page.locator('iframe');
  await frame.evaluate((el) => {
    (el as unknown as { style: { width: string; height: string } }).style.width = '350px';
    (el as unknown as { style: { width: string; height: string } }).style.height = '860px';
  });
  await page.waitForTimeout(300); // the dialog re-centres in the narrower frame
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await frame.screenshot({ path: file, animations: 'disabled' });
  if (process.env.SHOTS_DIR) {
    mkdirSync(process.env.SHOTS_DIR, { recursive: true });
    copyFileSync(file, path.join(process.env.SHOTS_DIR, `${name}.png`));
  }
}

describe('New records: Create contact prefilled from the signature (preview, Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    ensureBuilt('taskpane');
    server = await startTestServer('pglite');
    dir = await mkdtemp(path.join(os.tmpdir(), 'taskpane-prefill-'));
    const rep = `"${server.admin.displayName}" <${server.admin.addresses[0]}>`;
    for (const m of demoEmails(new Date(), rep)) await deliverToMaildir(dir, m.folder, m.eml);
    await connectMaildir(server.deps.db, server.admin.id, dir, new Date());
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('Create lead: the company and both phones from the signature, in light and dark at 350 px', async () => {
    for (const dark of [false, true]) {
      const preview = await openPreview(browser, server, server.admin, { dark });
      await preview.open(INTRO);
      const pane = preview.pane();
      await pane.getByRole('tab', { name: /New records/ }).click();
      const wile = pane.getByTestId('suggestion').filter({ hasText: 'wile.coyote@acme.com' });
      // Wile is suggested as a contact (Acme is an account): a lead is the card's other kind, in its More menu.
      await wile.getByRole('button', { name: /More actions for/ }).click();
      await pane.getByRole('menuitem', { name: 'Create lead instead' }).click();
      const create = pane.getByRole('dialog', { name: 'Create lead' });
      await create.getByText(CAPTION).first().waitFor();
      expect(await create.getByLabel('Title').inputValue()).toBe('Head of Purchasing, UK');
      expect(await create.getByLabel('Phone').inputValue()).toBe('+44 20 7946 0321');
      expect(await create.getByLabel('Mobile').inputValue()).toBe('+44 7400 123456');
      // The suggestion's company (from the CRM's account) was there first and stays.
      expect(await create.getByLabel('Company').inputValue()).toBe('Acme Corporation');
      if (!dark) expect(await a11yViolations(pane)).toEqual([]);
      await dialogShot(preview.page, `taskpane-create-lead-prefilled-${dark ? 'dark' : 'light'}`);
      await preview.page.context().close();
    }
  });

  test('Create contact, light and dark at 350 px (screenshots)', async () => {
    for (const dark of [false, true]) {
      const preview = await openPreview(browser, server, server.admin, { dark });
      await preview.open(INTRO);
      const pane = preview.pane();
      await pane.getByRole('tab', { name: /New records/ }).click();
      await pane
        .getByRole('button', { name: /Create contact for/ })
        .first()
        .click();
      const create = pane.getByRole('dialog', { name: 'Create contact' });
      await create.getByText(CAPTION).first().waitFor();
      await dialogShot(preview.page, `taskpane-create-contact-prefilled-${dark ? 'dark' : 'light'}`);
      await preview.page.context().close();
    }
  });

  test('the details failing: one quiet line says why; the form works as before', async () => {
    const preview = await openPreview(browser, server, server.admin);
    await preview.page.route('**/api/records/details', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: '{"error":"boom","message":"boom"}',
      }),
    );
    await preview.open(INTRO);
    const pane = preview.pane();
    await pane.getByRole('tab', { name: /New records/ }).click();
    await pane
      .getByRole('button', { name: /Create contact for/ })
      .first()
      .click();
    const create = pane.getByRole('dialog', { name: 'Create contact' });
    expect(await create.getByTestId('details-note').textContent()).toBe(
      'Details could not be read from their emails: The Liaison server had a problem (boom). Try again in a moment.',
    );
    expect(await create.getByLabel('Last name').inputValue()).toBe('Coyote');
    expect(await create.getByLabel('Title').inputValue()).toBe('');
    await preview.page.context().close();
  });

  test("the organisation's setting off: no value read from emails, no caption, no note", async () => {
    await updateOrganisation(server.deps.db, { showExtractedInfo: false });
    try {
      const preview = await openPreview(browser, server, server.admin);
      const answered = preview.page.waitForResponse('**/api/records/details');
      await preview.open(INTRO);
      const pane = preview.pane();
      await pane.getByRole('tab', { name: /New records/ }).click();
      await pane
        .getByRole('button', { name: /Create contact for/ })
        .first()
        .click();
      const create = pane.getByRole('dialog', { name: 'Create contact' });
      expect((await (await answered).json()).shown).toBe(false);
      await create.getByText('Looking for their details').waitFor({ state: 'detached' });
      expect(await create.getByLabel('Title').inputValue()).toBe('');
      expect(await create.getByLabel('Phone').inputValue()).toBe('');
      expect(await create.getByText(/^From the/).count()).toBe(0);
      expect(await create.getByTestId('details-note').count()).toBe(0);
      await preview.page.context().close();
    } finally {
      await updateOrganisation(server.deps.db, { showExtractedInfo: true });
    }
  });
  test('the empty fields fill in with their sources; typed values stay; the phones reach the CRM', async () => {
    const preview = await openPreview(browser, server, server.admin);
    // The details' answer is held back until the rep has typed a title: the dialog is usable before it comes.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await preview.page.route('**/api/records/details', async (route) => {
      await held;
      await route.continue();
    });
    await preview.open(INTRO);
    const pane = preview.pane();
    await pane.getByRole('tab', { name: /New records/ }).click();
    const wile = pane.getByTestId('suggestion').filter({ hasText: 'wile.coyote@acme.com' });
    await wile.getByRole('button', { name: /Create contact/ }).click();
    const create = pane.getByRole('dialog', { name: 'Create contact' });
    await create.getByText('Looking for their details in their latest email…').waitFor();
    await create.getByLabel('Mobile').fill('+44 7400 999999');
    release();
    await create.getByText(CAPTION).first().waitFor();
    await preview.page.unroute('**/api/records/details');

    // The core's suggestion had the names already; the signature fills the title and the office phone. The mobile
    // the rep typed stays, with no caption claiming it came from the email.
    expect(await create.getByLabel('First name').inputValue()).toBe('Wile E.');
    expect(await create.getByLabel('Last name').inputValue()).toBe('Coyote');
    expect(await create.getByLabel('Title').inputValue()).toBe('Head of Purchasing, UK');
    expect(await create.getByLabel('Phone').inputValue()).toBe('+44 20 7946 0321');
    expect(await create.getByLabel('Mobile').inputValue()).toBe('+44 7400 999999');
    expect(await create.getByText(CAPTION).count()).toBe(2);
    // A contact's company is its account's (Acme, from the CRM), never the signature's.
    expect(await create.getByLabel('Company').count()).toBe(0);
    expect(await a11yViolations(pane)).toEqual([]);

    // Editing a value read from the email makes it the rep's: its caption goes.
    await create.getByLabel('Title').fill('Head of Purchasing');
    expect(await create.getByText(CAPTION).count()).toBe(1);
    await create.getByRole('button', { name: 'Create contact' }).click();
    await create.waitFor({ state: 'detached' });
    await pane.getByText('Created contact Wile E. Coyote.').waitFor();
    const row = await server.deps.db
      .selectFrom('crm_contacts')
      .selectAll()
      .where('last_name', '=', 'Coyote')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      account_id: 'acc-acme',
      title: 'Head of Purchasing',
      phone: '+44 20 7946 0321',
      mobile_phone: '+44 7400 999999',
    });
    await server.deps.db.deleteFrom('crm_contacts').where('last_name', '=', 'Coyote').execute();
    await preview.page.context().close();
  });
});
