import { isPlainAddrSpec } from '../addresses/addr-spec';
import { normalizeAddress, normalizeMessageId } from '../addresses/normalize';
import { threadRoot } from '../threads/derive-thread-id';
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

/** `i` is the position in a list field (`cc[1]`), or -1 for `from`; the name is only built for a problem. */
function readAddress(value: unknown, field: string, i: number, problems: string[]): EmailAddress | undefined {
  const name = i < 0 ? field : `${field}[${i}]`;
  if (!isObject(value) || typeof value.address !== 'string') {
    problems.push(`${name} is not an email address`);
    return undefined;
  }
  const trimmed = value.address.trim();
  if (!isPlainAddrSpec(trimmed)) {
    problems.push(`${name} ${quote(value.address)} is not a valid email address`);
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

interface Collected {
  problems: string[];
  participants: Participant[];
  visible: Set<string>;
  from?: string;
}

/** The valid participants, each address once in the order From, To, Cc, Bcc, and every problem found. */
export function collectParticipants(m: Partial<Record<keyof MailMessage, unknown>>): Collected {
  const problems: string[] = [];
  const fields: [AddressField, EmailAddress][] = [];
  const fromValue = m.from;
  if (!isObject(fromValue) || typeof fromValue.address !== 'string' || fromValue.address.trim() === '') {
    problems.push('the sender (from) is empty');
  } else {
    const from = readAddress(fromValue, 'from', -1, problems);
    if (from) fields.push(['from', from]);
  }
  for (const field of ['to', 'cc', 'bcc'] as const) {
    const value = m[field];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) {
      problems.push(`${field} is not a list of addresses`);
      continue;
    }
    for (let i = 0; i < value.length; i++) {
      const address = readAddress(value[i], field, i, problems);
      if (address) fields.push([field, address]);
    }
  }
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
  const from = fields[0]?.[0] === 'from' ? normalizeAddress(fields[0][1].address) : undefined;
  return from === undefined ? { problems, participants, visible } : { problems, participants, visible, from };
}

export function readMessage(input: unknown): ReadResult {
  if (!isObject(input)) return { ok: false, problems: ['there is no email at all'] };
  const m = input as Partial<Record<keyof MailMessage, unknown>>;
  const { problems, participants, visible, from } = collectParticipants(m);
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
  if (problems.length > 0 || sentMs === null || from === undefined) return { ok: false, problems };

  const headers = readHeaders(m.headers);
  const given = typeof m.threadId === 'string' ? m.threadId.trim() : '';
  const threadId = given !== '' ? given : threadRoot(messageId, (name) => headers.get(name));
  return {
    ok: true,
    message: { messageId, threadId, folder: m.folder, from, participants, visible, sentMs, headers },
  };
}
