// What the first-run guide remembers in this browser, per signed-in user: that they dismissed it, and that they
// opened a Why? trace. localStorage rather than the server: dismissing is a preference of this screen, like the
// theme (use-theme.ts), and a guide that shows again in another browser costs one click; the steps' done marks
// that matter (mailbox, settings, autosharing, users, CRM) come from the server. Private mode or a blocked
// storage: the guide can still be dismissed, for this visit.

const CHANGED = 'liaison-guide-changed';
const session = new Map<string, string>();

function read(key: string): string | undefined {
  try {
    return window.localStorage.getItem(key) ?? session.get(key);
  } catch {
    return session.get(key);
  }
}

function write(key: string, value: string): void {
  session.set(key, value);
  try {
    window.localStorage.setItem(key, value);
  } catch {
    /* kept for this visit only */
  }
  window.dispatchEvent(new Event(CHANGED));
}

const dismissedKey = (userId: string) => `liaison.guide.${userId}.dismissed`;
const whyKey = (userId: string) => `liaison.guide.${userId}.why`;

export const isGuideDismissed = (userId: string): boolean => read(dismissedKey(userId)) === 'yes';
export const dismissGuide = (userId: string): void => write(dismissedKey(userId), 'yes');
export const wasWhyTried = (userId: string): boolean => read(whyKey(userId)) === 'yes';
export const markWhyTried = (userId: string): void => write(whyKey(userId), 'yes');

/** Calls `listener` when this page changes what the guide remembers (another tab: on its next load). */
export function onGuideMemoryChange(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  return () => window.removeEventListener(CHANGED, listener);
}
