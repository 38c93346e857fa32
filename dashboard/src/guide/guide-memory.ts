import { api } from '../api/client';
import type { GuideMemory } from '../api/types';

// What the first-run guide remembers for the signed-in person, kept by the server (GET/POST /api/guide) so it
// follows them to another browser: that they dismissed the guide, and that they opened a Why? trace. A change made
// on this page is announced so the guide shown beside it updates without a page change.

const CHANGED = 'liaison-guide-changed';

export const loadGuideMemory = (): Promise<GuideMemory> => api<GuideMemory>('GET', '/api/guide');

async function mark(marks: { dismissed?: true; whyTried?: true }): Promise<GuideMemory> {
  const memory = await api<GuideMemory>('POST', '/api/guide', marks);
  window.dispatchEvent(new Event(CHANGED));
  return memory;
}

export const dismissGuide = (): Promise<GuideMemory> => mark({ dismissed: true });

/** Opening a Why? is a step of the guide; failing to record it must not get in the way of the trace. */
export function markWhyTried(): void {
  mark({ whyTried: true }).catch(() => undefined);
}

/** Calls `listener` when this page changes what the guide remembers. */
export function onGuideMemoryChange(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  return () => window.removeEventListener(CHANGED, listener);
}
