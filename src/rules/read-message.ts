import { isPlainAddrSpec } from '../addresses/addr-spec';
import { normalizeAddress, normalizeMessageId } from '../addresses/normalize';
import { threadIdOf } from '../threads/derive-thread-id';
import { parseIsoDateTime } from '../time/iso-date-time';
import type { EmailAddress, MailMessage } from '../types';
import { quote } from './trace-text';

// Rule 0 and the message's normalised view. Input may be anything (the core never throws): every field is
// checked before use, and each problem names its field the way a person would find it (`cc[1]`, `sentAt`).

export type AddressField = 'from' | 'to' | 'cc' | 'bcc';

export interface Participant {
  address: string; // normalised
  given: string; // as written, trimmed
  name?: string;
  field: AddressField;
}

export interface ReadMessage {
  messageId: string;
  threadId: string;
  folder: unknown;
  from: string;
  /** Each address once, in the order From, To, Cc, Bcc. */
  participants: Participant[];
  /** Addresses that appear in From, To or Cc (rule 11 leaves Bcc out). */
  visible: Set<string>;
  sentMs: number;
  headers: Map<string, string>;
}

export type ReadResult = { ok: true; message: ReadMessage } | { ok: false; problems: string[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readAddress(value: unknown, field: string, problems: string[]): EmailAddress | undefined {
  if (!isObject(value) || typeof value.address !== 'string') {
    problems.push(`${field} is not an email address`);
    return undefined;
  }
  const trimmed = value.address.trim();
  if (!isPlainAddrSpec(trimmed)) {
    problems.push(`${field} ${quote(value.address)} is not a valid email address`);
    return undefined;
  }
  return typeof value.name === 'string' ? { address: trimmed, name: value.name } : { address: trimmed };
}

function readHeaders(value: unknown): Map<string, string> {
  const headers = new Map<string, string>();
  if (!isObject(value)) return headers;
  for (const [name, content] of Object.entries(value)) {
    if (typeof content === 'string') headers.set(name.toLowerCase(), content);
  }
  return headers;
}

export function readMessage(input: unknown): ReadResult {
  if (!isObject(input)) return { ok: false, problems: ['there is no email at all'] };
  const m = input as Partial<Record<keyof MailMessage, unknown>>;
  const problems: string[] = [];
  const fields: [AddressField, EmailAddress][] = [];

  const fromValue = m.from;
  if (!isObject(fromValue) || typeof fromValue.address !== 'string' || fromValue.address.trim() === '') {
    problems.push('the sender (from) is empty');
  } else {
    const from = readAddress(fromValue, 'from', problems);
    if (from) fields.push(['from', from]);
  }
  for (const field of ['to', 'cc', 'bcc'] as const) {
    const value = m[field];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) {
      problems.push(`${field} is not a list of addresses`);
      continue;
    }
    value.forEach((item, i) => {
      const address = readAddress(item, `${field}[${i}]`, problems);
      if (address) fields.push([field, address]);
    });
  }
  const sentMs = parseIsoDateTime(m.sentAt);
  if (sentMs === null) {
    problems.push(
      typeof m.sentAt === 'string'
        ? `sentAt ${quote(m.sentAt)} is not a valid date and time with a time zone`
        : 'sentAt is missing',
    );
  }
  const messageId = normalizeMessageId(m.internetMessageId);
  if (messageId === '') problems.push('the Message-ID (internetMessageId) is missing');
  if (problems.length > 0 || sentMs === null) return { ok: false, problems };

  const participants: Participant[] = [];
  const seen = new Set<string>();
  const visible = new Set<string>();
  for (const [field, value] of fields) {
    const address = normalizeAddress(value.address);
    if (field !== 'bcc') visible.add(address);
    if (seen.has(address)) continue;
    seen.add(address);
    participants.push(
      value.name === undefined
        ? { address, given: value.address, field }
        : { address, given: value.address, name: value.name, field },
    );
  }
  const headers = readHeaders(m.headers);
  const threadId = threadIdOf({
    internetMessageId: messageId,
    threadId: typeof m.threadId === 'string' ? m.threadId : undefined,
    headers: Object.fromEntries(headers),
  });
  return {
    ok: true,
    message: {
      messageId,
      threadId,
      folder: m.folder,
      from: normalizeAddress((fromValue as EmailAddress).address),
      participants,
      visible,
      sentMs,
      headers,
    },
  };
}
