import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

// axe-core injected into the page under test; the browser suites fail on any serious or critical violation.

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** Serious and critical accessibility violations on the page as it is now (empty when there are none). */
export async function seriousA11yViolations(page: Page | Frame): Promise<AxeViolation[]> {
  await animationsSettled(page);
  await page.addScriptTag({ content: axeSource });
  const result = (await page.evaluate(
    'window.axe.run(document, { resultTypes: ["violations"] })',
  )) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => String(n.target)),
    }));
}

/** Finite animations still running (a dialog fading in) make axe read mid-way colours: wait for them to end. */
interface AnimationLike {
  playState: string;
  effect: { getTiming(): { iterations?: number } } | null;
}
/** Runs in the page: a function, not a string, so a page's CSP (no eval) does not refuse it. */
const settled = (): boolean =>
  (globalThis as unknown as { document: { getAnimations(): AnimationLike[] } }).document
    .getAnimations()
    .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);

/** Resolves once no finite animation is running in the page or frame (and the frames inside it). */
export async function animationsSettled(target: Page | Frame): Promise<void> {
  const frames = 'mainFrame' in target ? target.frames() : [target, ...target.childFrames()];
  const until = Date.now() + 10_000;
  for (const frame of frames) {
    while (!(await frame.evaluate(settled).catch(() => true)) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
  }
}
