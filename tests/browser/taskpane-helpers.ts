import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Locator, Page, Response } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/browser/chromium';
import type { User } from '../../server/db/users-repo';
import type { TestServer } from '../support/server/test-server';
import { seriousA11yViolations, type AxeViolation } from '../support/browser/axe';

// The task pane's browser suites and its bench drive the real build through /preview: signed in by the one-time
// link, the pane in its frame, items switched as a pinned pane sees them.

export interface Preview {
  page: Page;
  /** The pane's frame (the built pane-preview.html). */
  pane(): Frame;
  /** Picks the email whose subject is `subject` and waits until the pane shows its view. */
  open(subject: string): Promise<void>;
  /** The preview's emails, in list order. */
  subjects(): Promise<string[]>;
}

export async function openPreview(
  browser: Browser,
  server: TestServer,
  user: User,
  { dark = false, width = 1100, touch = false } = {},
): Promise<Preview> {
  // bypassCSP: axe-core is injected as an inline script, which the server's CSP rightly refuses.
  // touch: a touch screen, as on a phone (CSS `pointer: coarse` then matches).
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    hasTouch: touch,
    baseURL: server.url,
    bypassCSP: true,
  });
  const page = await context.newPage();
  // The session cookie comes from the one-time link's answer; the page it redirects to does not matter here.
  const link = await server.deps.links.createLink(server.url, user.id);
  const answer = await context.request.get(link, { maxRedirects: 0 });
  if (answer.status() !== 303) throw new Error(`sign-in link answered ${answer.status()}`);
  await page.goto(`/preview${dark ? '?theme=dark' : ''}`);
  await page.getByTestId('preview-email').first().waitFor();
  const pane = () => {
    const frame = page.frames().find((f) => f.url().includes('/taskpane/pane-preview.html'));
    if (!frame) throw new Error('the pane frame is not there');
    return frame;
  };
  await page.waitForFunction("!!document.querySelector('iframe')?.contentDocument?.querySelector('main')");
  const subjects = () =>
    page.$$eval('[data-testid="preview-email"] > span:first-child', (els) =>
      els.map((e) => e.textContent ?? ''),
    );
  return {
    page,
    pane,
    subjects,
    open: async (subject) => {
      const all = await subjects();
      const index = all.indexOf(subject);
      if (index < 0) throw new Error(`no email "${subject}" in ${all.join(' | ')}`);
      await page.getByTestId('preview-email').nth(index).click();
      await pane()
        .locator('main[data-state="ready"]')
        .filter({ has: pane().getByText(subject, { exact: true }) })
        .waitFor();
    },
  };
}

/**
 * Serious and critical axe violations in a frame (or page), less one documented false positive: Fluent v9's focus
 * manager (Tabster) adds `<i aria-hidden tabindex=0 data-tabster-dummy>` elements that hand focus on at once
 * (microsoft/tabster#288, Fluent's known issues). Only nodes carrying that attribute are forgiven.
 */
export async function a11yViolations(target: Frame | Page): Promise<AxeViolation[]> {
  const violations = await seriousA11yViolations(target);
  const kept: AxeViolation[] = [];
  for (const v of violations) {
    const targets: string[] = [];
    for (const selector of v.targets) {
      // axe names a node inside a frame as "<frame selector>,<node selector>".
      const [first, ...rest] = selector.split(',');
      const node =
        rest.length > 0 ? target.frameLocator(first!).locator(rest.join(',')) : target.locator(first!);
      const dummy = await node
        .first()
        .evaluate((el) => el.hasAttribute('data-tabster-dummy'))
        .catch(() => false);
      if (!(v.id === 'aria-hidden-focus' && dummy)) targets.push(selector);
    }
    if (targets.length > 0) kept.push({ ...v, targets });
  }
  return kept;
}

/**
 * Clicks Save in the Save dialog and waits for the pane to say `saved`. A refused save fails at once with the
 * dialog's sentence, and any failure names what /api/save answered and what the dialog and pane show, then closes
 * the dialog so the cases after this one do not fail behind a modal left open.
 */
export async function saveFromDialog(pane: Frame, dialog: Locator, saved: string | RegExp): Promise<void> {
  const page = pane.page();
  const answers: Promise<string>[] = [];
  const listen = (r: Response) => {
    if (new URL(r.url()).pathname === '/api/save')
      answers.push(
        r.text().then(
          (t) => `${r.status()} ${t.slice(0, 400)}`,
          () => `${r.status()}`,
        ),
      );
  };
  page.on('response', listen);
  try {
    await dialog.getByRole('button', { name: 'Save', exact: true }).click({ timeout: 10_000 });
    const refused = dialog.getByTestId('save-error');
    await pane.getByText(saved).or(refused).first().waitFor({ timeout: 15_000 });
    if (await refused.isVisible()) throw new Error(`the save was refused: ${await refused.innerText()}`);
  } catch (e) {
    const shown = async (l: Locator) =>
      (await l.innerText({ timeout: 1_000 }).catch(() => '(gone)')).slice(0, 800);
    const detail = [
      e instanceof Error ? e.message : String(e),
      `/api/save answered: ${(await Promise.all(answers)).join(' | ') || 'nothing'}`,
      `the dialog shows: ${await shown(dialog)}`,
      `the pane shows: ${await shown(pane.locator('main'))}`,
    ].join('\n');
    await page.keyboard.press('Escape').catch(() => undefined);
    throw new Error(detail);
  } finally {
    page.off('response', listen);
  }
}

/**
 * A watch on the pane for cases that leave it stuck: it answers undefined while the pane is as expected, else what
 * the pane shows (a dialog still open, or #root hidden from assistive technology and role queries) and the API
 * answers that led there, for the log of a run that cannot be repeated at will.
 */
export function watchPane(preview: Preview): () => Promise<string | undefined> {
  const answers: string[] = [];
  preview.page.on('response', (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/api/')) return;
    answers.push(`${r.request().method()} ${url.pathname} ${r.status()}`);
    if (answers.length > 15) answers.shift();
  });
  const look = async () => {
    const pane = preview.pane();
    const hidden = await pane
      .locator('#root')
      .getAttribute('aria-hidden', { timeout: 1_000 })
      .catch(() => null);
    const dialogs = await pane
      .locator('[role=dialog]')
      .allInnerTexts()
      .catch(() => [] as string[]);
    return { pane, hidden, dialogs, normal: !hidden && dialogs.length === 0 };
  };
  return async () => {
    if ((await look()).normal) return undefined;
    // A dialog that has just closed keeps the page aria-hidden for Tabster's 250 ms: only what outlasts it is stuck.
    await preview.page.waitForTimeout(600);
    const { pane, hidden, dialogs, normal } = await look();
    if (normal) return undefined;
    const main = await pane
      .locator('main')
      .first()
      .innerText({ timeout: 1_000 })
      .catch(() => '(none)');
    return [
      `#root aria-hidden=${hidden}`,
      `dialogs: ${dialogs.map((d) => d.slice(0, 300)).join(' || ') || 'none'}`,
      `main: ${main.slice(0, 500)}`,
      `last API answers: ${answers.join(', ')}`,
    ].join('\n');
  };
}

/** What the frame element is read as in the page (the tests' types have no DOM). */
interface FrameElement {
  style: { width: string; height: string };
  contentDocument: { documentElement: { scrollHeight: number } } | null;
}

/** The pane's frame at `width` px, as tall as its content, pictured alone: test-artifacts/screenshots/<name>.png. */
export async function paneShot(page: Page, name: string, width = 350): Promise<void> {
  const frame = page.locator('iframe');
  await frame.evaluate((el, w) => {
    const iframe = el as unknown as FrameElement;
    iframe.style.width = `${w}px`;
    iframe.style.height = `${iframe.contentDocument?.documentElement.scrollHeight ?? 900}px`;
  }, width);
  await page.waitForTimeout(0);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await frame.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
  await frame.evaluate((el) => {
    (el as unknown as FrameElement).style.height = '';
  });
}
