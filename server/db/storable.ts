// Text made safe to write to the database or the CRM. PostgreSQL refuses a NUL character anywhere in text or jsonb
// ("invalid byte sequence for encoding UTF8: 0x00", "unsupported Unicode escape sequence") and a lone UTF-16
// surrogate in jsonb, and a btree index entry takes at most about 2,700 bytes. Mail from outside carries all of
// these (an encoded `=00` in a subject, a GIF in a text part, a 100 KB subject), so everything an email brings is
// passed through here on its way in (storableMessage) and at the writes themselves (storableJson, storableKey).
import type { EmailAddress, MailMessage } from '../../src';

/** Bytes kept of an indexed key (Message-IDs, thread ids, addresses): well within a btree entry's limit. */
export const MAX_KEY_BYTES = 1000;
/** Characters kept of a one-line field (a subject, a display name, a header value, a file name). */
export const MAX_LINE_CHARS = 2000;
/** Characters kept of a body: far more than any CRM shows, far less than a column takes. */
export const MAX_BODY_CHARS = 1_000_000;

const NUL = /\0/g;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Without NUL characters (removed) and lone surrogates (replaced by U+FFFD), at most `maxChars` long. */
export function storableText(value: string, maxChars = Infinity): string {
  let text = value.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
  if (text.length > maxChars) {
    text = text.slice(0, maxChars);
    // Never cut a surrogate pair in two.
    if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  }
  return text;
}

/** A key for an index: storable, and at most MAX_KEY_BYTES bytes of UTF-8 (cut at a character boundary). */
export function storableKey(value: string): string {
  const text = storableText(value, MAX_KEY_BYTES);
  if (Buffer.byteLength(text, 'utf8') <= MAX_KEY_BYTES) return text;
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch, 'utf8');
    if (bytes > MAX_KEY_BYTES) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

/** JSON text for a json/jsonb parameter with every string in it storable (keys included). */
export function storableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storableText(v) : v));
}

function storableAddress(a: EmailAddress): EmailAddress {
  if (typeof a !== 'object' || a === null) return a;
  const address = typeof a.address === 'string' ? storableKey(a.address) : a.address;
  return typeof a.name === 'string' ? { address, name: storableText(a.name, MAX_LINE_CHARS) } : { address };
}

const storableAddresses = (list: EmailAddress[]) => (Array.isArray(list) ? list.map(storableAddress) : list);

/**
 * A message as the sync reads it, made storable field by field: keys cut to what an index takes, one-line fields
 * and header values to MAX_LINE_CHARS, the body to MAX_BODY_CHARS. Everything after (the decision, the log, the
 * waiting envelopes, the CRM activity) is built from this. Fields of the wrong type are left for rule 0 to name.
 */
export function storableMessage<M extends MailMessage>(message: M): M {
  if (typeof message !== 'object' || message === null) return message;
  const m: M = { ...message };
  const line = (v: unknown) => (typeof v === 'string' ? storableText(v, MAX_LINE_CHARS) : v);
  if (typeof m.internetMessageId === 'string') m.internetMessageId = storableKey(m.internetMessageId);
  if (typeof m.threadId === 'string') m.threadId = storableKey(m.threadId);
  if (typeof m.subject === 'string') m.subject = storableText(m.subject, MAX_LINE_CHARS);
  if (typeof m.sentAt === 'string') m.sentAt = storableText(m.sentAt, MAX_LINE_CHARS);
  if (typeof m.from === 'object' && m.from !== null) m.from = storableAddress(m.from);
  m.to = storableAddresses(m.to);
  m.cc = storableAddresses(m.cc);
  m.bcc = storableAddresses(m.bcc);
  if (typeof m.bodyText === 'string') m.bodyText = storableText(m.bodyText, MAX_BODY_CHARS);
  if (Array.isArray(m.attachments))
    m.attachments = m.attachments.map((a) =>
      typeof a === 'object' && a !== null
        ? { ...a, name: line(a.name) as string, contentType: line(a.contentType) as string }
        : a,
    );
  if (typeof m.headers === 'object' && m.headers !== null) {
    // fromEntries defines own properties, so a header named `__proto__` stays a header.
    m.headers = Object.fromEntries(
      Object.entries(m.headers).map(([name, value]) => [
        storableText(name, MAX_LINE_CHARS),
        line(value) as string,
      ]),
    );
  }
  return m;
}
