import type { Browser, Frame } from 'playwright-core';
import { updateUser } from '../../server/db/users-repo';
import { ensureBuilt } from '../support/browser/built-web';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser/chromium';
import { startTestServer, type TestServer } from '../support/server/test-server';
import { openPreview, type Preview } from './taskpane-helpers';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';

// The built pane at phone size (Outlook on iOS and Android open it full screen): its frame is made 360×740 CSS px in
// a touch-screen browser, and the pane must show people first, fit the width, and keep Save within thumb reach.

// The pane's globals its callbacks use: the tests compile without the DOM library (tsconfig.json), as the server does.
interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
  width: number;
  height: number;
}
interface PaneElement {
  getBoundingClientRect(): Box;
  tagName: string;
  textContent: string | null;
}
declare const document: {
  querySelectorAll(selector: string): ArrayLike<PaneElement>;
  documentElement: { scrollWidth: number; scrollHeight: number };
  body: { scrollWidth: number };
};
declare const window: { scrollTo(x: number, y: number): void; innerWidth: number };
declare const innerWidth: number;
declare const innerHeight: number;
declare function matchMedia(query: string): { matches: boolean };
interface HTMLIFrameElement {
  style: Record<'width' | 'minWidth' | 'maxWidth' | 'height' | 'minHeight' | 'maxHeight', string>;
}

const PHONE = { width: 360, height: 740 };
const RENEWAL = 'Renewal: updated quote?';
const INTRO = 'Introduction: new purchasing lead at Acme';

/** Where an element is in the pane's own viewport, and the viewport. */
async function placed(frame: Frame, selector: string) {
  return frame
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return {
        top: r.top,
        bottom: r.bottom,
        left: r.left,
        right: r.right,
        height: r.height,
        vh: innerHeight,
      };
    });
}

/** Visible elements in the pane that reach past its right edge (a horizontal cut-off), as "tag.text" lines. */
async function cutOff(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('main *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > innerWidth + 0.5 || r.left < -0.5)
        out.push(
          `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 40)} [${r.left}, ${r.right}]`,
        );
    }
    return out;
  });
}

describe('the Outlook task pane at phone width (360 px, touch)', () => {
  let server: TestServer;
  let browser: Browser;
  let preview: Preview;
  let pane: () => Frame;

  beforeAll(async () => {
    ensureBuilt('taskpane');
    server = await startTestServer('pglite');
    await updateUser(server.deps.db, server.admin.id, { connectedAt: '2026-01-01T00:00:00Z' });
    browser = await launchChromium();
    preview = await openPreview(browser, server, server.admin, { touch: true });
    // The pane's frame at a phone's size: the pane's window is then 360×740, as in Outlook mobile's full-screen pane.
    await preview.page.locator('iframe').evaluate((frame, size) => {
      const f = frame as HTMLIFrameElement;
      f.style.width = `${size.width}px`;
      f.style.minWidth = f.style.maxWidth = f.style.width;
      f.style.height = f.style.minHeight = f.style.maxHeight = `${size.height}px`;
    }, PHONE);
    pane = preview.pane;
    await pane().waitForFunction((w) => window.innerWidth === w, PHONE.width);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = async (name: string) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await preview.page.locator('iframe').screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  };

  test('the pane is 360×740 and a touch screen', async () => {
    expect(await pane().evaluate(() => [innerWidth, innerHeight])).toEqual([PHONE.width, PHONE.height]);
    expect(await pane().evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
  });

  test('an email from known people: no horizontal overflow, the first person in the first screen, Save reachable', async () => {
    await preview.open(RENEWAL);
    const frame = pane();
    await frame.getByTestId('person').first().waitFor();
    const scroll = await frame.evaluate(() => [
      document.documentElement.scrollWidth,
      document.body.scrollWidth,
    ]);
    expect(Math.max(...scroll)).toBeLessThanOrEqual(PHONE.width);
    expect(await cutOff(frame)).toEqual([]);

    // People first: the first person's name is wholly inside the first screen, without scrolling.
    await frame.evaluate(() => window.scrollTo(0, 0));
    const name = await placed(frame, '[data-testid="person"] h3');
    expect(name.top).toBeGreaterThanOrEqual(0);
    expect(name.bottom).toBeLessThanOrEqual(PHONE.height);

    // Save: in the first screen too (within thumb reach, in the lower part), at least 44 px tall, within the width.
    const save = await placed(frame, 'main button:text-is("Save…")');
    expect(save.height).toBeGreaterThanOrEqual(44);
    expect(save.bottom).toBeLessThanOrEqual(PHONE.height);
    expect(save.top).toBeGreaterThanOrEqual(PHONE.height / 2);
    expect(save.right).toBeLessThanOrEqual(PHONE.width);
    // And it stays there when the rep scrolls through the people.
    await frame.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const scrolled = await placed(frame, 'main button:text-is("Save…")');
    expect(scrolled.bottom).toBeLessThanOrEqual(PHONE.height);
    expect(scrolled.top).toBeGreaterThanOrEqual(0);
    await frame.evaluate(() => window.scrollTo(0, 0));

    // The tabs and the autoshare line's Why? are touch targets too.
    const tab = await placed(frame, '[role="tab"]');
    expect(tab.height).toBeGreaterThanOrEqual(44);
    const why = await placed(frame, '[data-testid="autoshare"] button');
    expect(why.height).toBeGreaterThanOrEqual(44);
    await shot('taskpane-phone-known-people');
  });

  test('New records at 360 px: the create buttons fit and are touch-sized', async () => {
    await preview.open(INTRO);
    const frame = pane();
    await frame.getByRole('tab', { name: /New records/ }).click();
    await frame.getByTestId('suggestion').first().waitFor();
    expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await cutOff(frame)).toEqual([]);
    const create = await placed(frame, '[data-testid="suggestion"] button');
    expect(create.height).toBeGreaterThanOrEqual(44);
    expect(create.right).toBeLessThanOrEqual(PHONE.width);
    await shot('taskpane-phone-new-records');
  });
});
