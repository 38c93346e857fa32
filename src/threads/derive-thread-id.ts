import { normalizeMessageId } from '../addresses/normalize';

// When the provider gives no thread id, the thread is named by its root: the first Message-ID in `References`,
// else the one in `In-Reply-To`, else the message's own Message-ID (it starts a thread).

const BRACKETED = /<[^<>]*>/g;

/** The Message-IDs in a header value, in order, normalised. */
export function extractMessageIds(value: string): string[] {
  const bracketed = value.match(BRACKETED);
  const raw = bracketed && bracketed.length > 0 ? bracketed : value.split(/\s+/);
  return raw.map(normalizeMessageId).filter((id) => id.length > 0);
}

function header(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

/** The thread's root from already-read header fields (names lower-case). */
export function threadRoot(messageId: string, header: (name: string) => string | undefined): string {
  for (const name of ['references', 'in-reply-to']) {
    const value = header(name);
    const first = value === undefined ? undefined : extractMessageIds(value)[0];
    if (first) return first;
  }
  return normalizeMessageId(messageId);
}

export function deriveThreadId(message: {
  internetMessageId: string;
  headers?: Record<string, string>;
}): string {
  return threadRoot(message.internetMessageId, (name) => header(message.headers, name));
}

/**
 * The thread's root Message-ID when the message's header fields were read (`headers` present, even empty), else
 * undefined: without References and In-Reply-To a reply cannot be told from a thread's first message.
 */
export function knownThreadRoot(message: {
  internetMessageId: string;
  headers?: Record<string, string>;
}): string | undefined {
  if (typeof message.headers !== 'object' || message.headers === null) return undefined;
  const root = deriveThreadId(message);
  return root === '' ? undefined : root;
}

/** The provider's thread id when it gave one, else the derived one. */
export function threadIdOf(message: {
  internetMessageId: string;
  threadId?: string;
  headers?: Record<string, string>;
}): string {
  const given = typeof message.threadId === 'string' ? message.threadId.trim() : '';
  return given !== '' ? given : deriveThreadId(message);
}
