/**
 * The subset of Gmail's search syntax the emulator evaluates for `messages.list?q=`: `after:` / `before:`
 * (epoch seconds or YYYY/MM/DD), `in:` / `label:` / `category:`, `from:` (an address or a part of the sender's
 * address or name, without regard to case) and their negations. Anything else is a 400,
 * so a test cannot pass on a query the emulator silently ignored.
 */
import { GoogleApiError } from './errors';
import type { StoredGmailMessage } from './store';

const IN_LABEL: Record<string, string> = {
  inbox: 'INBOX',
  sent: 'SENT',
  drafts: 'DRAFT',
  draft: 'DRAFT',
  spam: 'SPAM',
  trash: 'TRASH',
  chats: 'CHAT',
  chat: 'CHAT',
};

function dateSeconds(value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(value);
  if (!m) throw new GoogleApiError(400, 'invalidArgument', `Invalid date in query: ${value}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000;
}

/** The message's From header, unfolded and lower-cased. */
function fromHeader(msg: StoredGmailMessage): string {
  const text = msg.raw;
  const head = text.slice(0, Math.max(0, text.search(/\r?\n\r?\n/))).replace(/\r?\n[ \t]+/g, ' ');
  return (/^from:(.*)$/im.exec(head)?.[1] ?? '').toLowerCase();
}

export function compileQuery(q: string): (m: StoredGmailMessage) => boolean {
  const tests: ((m: StoredGmailMessage) => boolean)[] = [];
  for (const term of q.split(/\s+/).filter(Boolean)) {
    const m = /^(-?)(after|before|in|label|category|from):(.+)$/i.exec(term);
    if (!m) throw new GoogleApiError(400, 'invalidArgument', `Unsupported query term (emulator): ${term}`);
    const negate = m[1] === '-';
    const key = (m[2] ?? '').toLowerCase();
    const value = (m[3] ?? '').toLowerCase();
    let test: (msg: StoredGmailMessage) => boolean;
    if (key === 'after') {
      const s = dateSeconds(value);
      test = (msg) => msg.internalDate / 1000 > s;
    } else if (key === 'before') {
      const s = dateSeconds(value);
      test = (msg) => msg.internalDate / 1000 < s;
    } else if (key === 'from') {
      test = (msg) => fromHeader(msg).includes(value);
    } else if (key === 'category') {
      const label = `CATEGORY_${value.toUpperCase()}`;
      test = (msg) => msg.labelIds.includes(label);
    } else {
      const label = IN_LABEL[value] ?? value.toUpperCase();
      test = (msg) => msg.labelIds.includes(label);
    }
    tests.push(negate ? (msg) => !test(msg) : test);
  }
  return (msg) => tests.every((t) => t(msg));
}
