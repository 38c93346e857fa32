import { isPlainAddrSpec } from '../addresses/addr-spec';
import { normalizeAddress, normalizeMessageId } from '../addresses/normalize';
import { threadRoot } from '../threads/derive-thread-id';
import { parseIsoDateTime } from '../time/iso-date-time';
import type { MailMessage } from '../types';
import { quote } from './trace-text';

// Rule 0 and the message's normalised view. Input may be anything (the core never throws): every field is
// checked before use, and each problem names its field the way a person would find it (`cc[1]`, `sentAt`).
// This runs for every email of every sync, so it reads each address once and allocates only what it returns.

export type AddressField = 'from' | 'to' | 'cc' | 'bcc';

export interface Participant {
  address: string; // normalised
  given: string; // as written, trimmed
  name?: string;
  /** The first field the address appears in; Bcc comes last, so only Bcc-only participants say 'bcc'. */
  field: AddressField;
}

export interface ReadMessage {
  messageId: string;
  threadId: string;
  folder: unknown;
  from: string;
  /** Each address once, in the order From, To, Cc, Bcc. */
  participants: Participant[];
  sentMs: number;
  headers: ReadonlyMap<string, string>;
}

export type ReadResult = { ok: true; message: ReadMessage } | { ok: false; problems: string[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Participants are few; past this many, duplicates are found with a set rather than by scanning. */
const SCAN_LIMIT = 16;

interface Collected {
  problems: string[];
  participants: Participant[];
  from?: string;
}

class Collector {
  problems: string[] = [];
  participants: Participant[] = [];
  private seen: Set<string> | undefined;

  /** `i` is the position in a list field (`cc[1]`), or -1 for `from`; the name is only built for a problem. */
  add(value: unknown, field: AddressField, i: number): string | undefined {
    if (!isObject(value) || typeof value.address !== 'string') {
      this.problems.push(`${i < 0 ? field : `${field}[${i}]`} is not an email address`);
      return undefined;
    }
    const given = value.address.trim();
    if (!isPlainAddrSpec(given)) {
      this.problems.push(
        `${i < 0 ? field : `${field}[${i}]`} ${quote(value.address)} is not a valid email address`,
      );
      return undefined;
    }
    const address = normalizeAddress(given);
    if (this.has(address)) return address;
    const name = value.name;
    this.participants.push(
      typeof name === 'string' ? { address, given, name, field } : { address, given, field },
    );
    return address;
  }

  addList(value: unknown, field: AddressField): void {
    if (value === undefined || value === null) return;
    if (!Array.isArray(value)) {
      this.problems.push(`${field} is not a list of addresses`);
      return;
    }
    for (let i = 0; i < value.length; i++) this.add(value[i], field, i);
  }

  private has(address: string): boolean {
    const participants = this.participants;
    if (this.seen) {
      if (this.seen.has(address)) return true;
      this.seen.add(address);
      return false;
    }
    for (let k = 0; k < participants.length; k++)
      if ((participants[k] as Participant).address === address) return true;
    if (participants.length >= SCAN_LIMIT) {
      this.seen = new Set(participants.map((p) => p.address));
      this.seen.add(address);
    }
    return false;
  }
}

/** The valid participants, each address once in the order From, To, Cc, Bcc, and every problem found. */
export function collectParticipants(m: Partial<Record<keyof MailMessage, unknown>>): Collected {
  const c = new Collector();
  const fromValue = m.from;
  let from: string | undefined;
  if (!isObject(fromValue) || typeof fromValue.address !== 'string' || fromValue.address.trim() === '') {
    c.problems.push('the sender (from) is empty');
  } else {
    from = c.add(fromValue, 'from', -1);
  }
  // Each field read by name: a loop over the names would make every read a keyed lookup.
  c.addList(m.to, 'to');
  c.addList(m.cc, 'cc');
  c.addList(m.bcc, 'bcc');
  return from === undefined
    ? { problems: c.problems, participants: c.participants }
    : { problems: c.problems, participants: c.participants, from };
}

const NO_HEADERS: ReadonlyMap<string, string> = new Map();

function readHeaders(value: unknown): ReadonlyMap<string, string> {
  if (!isObject(value)) return NO_HEADERS;
  let headers: Map<string, string> | undefined;
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue;
    const content = value[name];
    if (typeof content !== 'string') continue;
    (headers ??= new Map()).set(name.toLowerCase(), content);
  }
  return headers ?? NO_HEADERS;
}

export function readMessage(input: unknown): ReadResult {
  if (!isObject(input)) return { ok: false, problems: ['there is no email at all'] };
  const m = input as Partial<Record<keyof MailMessage, unknown>>;
  const { problems, participants, from } = collectParticipants(m);
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
    message: { messageId, threadId, folder: m.folder, from, participants, sentMs, headers },
  };
}
