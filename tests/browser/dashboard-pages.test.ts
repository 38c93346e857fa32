import type { Browser, Page } from 'playwright-core';
import { PAGES } from '../../dashboard/src/app/routes';
import { addCorporateBlacklistEntries, addUserBlacklistEntries } from '../../server/db/blacklist-repo';
import { subscribeThread } from '../../server/db/subscriptions-repo';
import { seriousA11yViolations, type AxeViolation } from '../support/browser/axe';
import { ensureBuilt } from '../support/browser/built-web';
import { launchChromium, screenshot } from '../support/browser/chromium';
import { startTestServer, type TestServer } from '../support/server/test-server';
import { openAs } from './dashboard-helpers';
import { seedActivity } from './dashboard-seed';

// Every dashboard page, as an admin sees it, at 1280 and 800 px in the light and dark themes: a screenshot each
// (test-artifacts/screenshots/dashboard-<page>-<width>-<theme>.png) and no serious or critical axe violation.

jest.setTimeout(300_000);

const WIDTHS = [1280, 800];
const THEMES = ['light', 'dark'] as const;

/** The page has shown its content: its title, and no spinner left. */
async function settled(page: Page, title: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.waitForFunction('document.querySelectorAll("[role=progressbar]").length === 0');
}

describe('dashboard pages (Chromium, PGlite)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    ensureBuilt('dashboard');
    server = await startTestServer('pglite');
    browser = await launchChromium();
    const { admin } = server;
    await seedActivity(server, admin);
    await subscribeThread(
      server.deps.db,
      admin.id,
      '<renewal-thread@acme.com>',
      { kind: 'opportunity', id: 'opp-acme-renewal' },
      'Renewal: updated quote?',
    );
    await addUserBlacklistEntries(server.deps.db, admin.id, ['newsletter@vendor.com', 'recruiters.example']);
    await addCorporateBlacklistEntries(server.deps.db, ['competitor.com']);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of WIDTHS)
    for (const theme of THEMES)
      test(`every page at ${width} px, ${theme}: screenshot, no serious a11y violation`, async () => {
        const page = await openAs(browser, server, server.admin, '#/settings', {
          width,
          dark: theme === 'dark',
          bypassCSP: true,
        });
        const found: (AxeViolation & { page: string })[] = [];
        for (const info of PAGES) {
          await page.goto(`/#/${info.id}`);
          await settled(page, info.title);
          await screenshot(page, `dashboard-${info.id.replace('/', '-')}-${width}-${theme}`);
          found.push(...(await seriousA11yViolations(page)).map((v) => ({ ...v, page: info.id })));
          if (info.id === 'threads') {
            // A thread reads as its email's subject and its record's name, not as ids.
            const row = page.getByRole('row', { name: /Renewal: updated quote\?/ });
            expect(await row.getByText('Acme — 2026 renewal (opportunity)').count()).toBe(1);
          }
        }
        // A dialog open: the trace of one activity row.
        await page.goto('/#/activity');
        await settled(page, 'Activity');
        await page.getByRole('button', { name: /^Why\? Renewal terms/ }).click();
        await page.getByRole('dialog').getByText('Why this email was saved').waitFor();
        // The dialog fades in: shoot it once its animations are over.
        await page.waitForFunction('document.getAnimations().every((a) => a.playState !== "running")');
        await screenshot(page, `dashboard-activity-trace-${width}-${theme}`);
        found.push(...(await seriousA11yViolations(page)).map((v) => ({ ...v, page: 'activity trace' })));
        expect(found).toEqual([]);
        await page.context().close();
      });

  test('a rep’s pages name no server setting and send nobody to the README; a Salesforce connect that cannot work is not offered', async () => {
    const rep = await openAs(browser, server, server.sam, '#/settings', { bypassCSP: true });
    for (const info of PAGES.filter((p) => !p.adminOnly)) {
      await rep.goto(`/#/${info.id}`);
      await settled(rep, info.title);
      const text = await rep.locator('main').innerText();
      expect({ page: info.id, names: text.match(/\b[A-Z][A-Z0-9]+_[A-Z0-9_]+\b|README/g) }).toEqual({
        page: info.id,
        names: null,
      });
    }
    await screenshot(rep, 'dashboard-mailbox-rep-not-configured');
    await rep.context().close();

    // This server has no Salesforce connected app: the admin reads why instead of a button that could only fail.
    const admin = await openAs(browser, server, server.admin, '#/admin', { bypassCSP: true });
    await settled(admin, 'Smart autosharing');
    await admin.getByTestId('salesforce-not-configured').waitFor();
    expect(await admin.getByRole('button', { name: 'Connect Salesforce' }).count()).toBe(0);
    await screenshot(admin, 'dashboard-admin-salesforce-not-configured');
    await admin.context().close();
  });

  test('signed out: how to sign in, no violation', async () => {
    for (const theme of THEMES) {
      const context = await browser.newContext({
        viewport: { width: 800, height: 700 },
        colorScheme: theme,
        bypassCSP: true,
      });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1, name: 'Sign in to Liaison' }).waitFor();
      await screenshot(page, `dashboard-signed-out-800-${theme}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
