/**
 * The Gmail emulator's mailbox: messages with label ids, and a history of changes with increasing,
 * non-contiguous ids that `history.list` reads. History older than `minHistoryId` is gone (404).
 */
import { randomBytes } from 'node:crypto';
import { buildRfc822 } from './rfc822';

export const SYSTEM_LABELS = [
  'INBOX',
  'SENT',
  'DRAFT',
  'SPAM',
  'TRASH',
  'UNREAD',
  'STARRED',
  'IMPORTANT',
  'CHAT',
  'CATEGORY_PERSONAL',
  'CATEGORY_SOCIAL',
  'CATEGORY_PROMOTIONS',
  'CATEGORY_UPDATES',
  'CATEGORY_FORUMS',
];

export interface StoredGmailMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  raw: string;
  internalDate: number;
  historyId: number;
}

export interface HistoryRecord {
  id: number;
  messageId: string;
  type: 'messageAdded' | 'messageDeleted' | 'labelAdded' | 'labelRemoved';
  labelIds: string[];
}

export interface NewGmailMessage {
  from?: string;
  to?: string[];
  cc?: string[];
  subject?: string;
  date?: Date;
  messageId?: string;
  threadId?: string;
  headers?: Record<string, string>;
  body?: string;
  attachments?: { name: string; contentType?: string; content?: string }[];
  /** Raw RFC 5322 text instead of the fields above. */
  raw?: string;
}

const hexId = () => randomBytes(8).toString('hex');

export class GmailStore {
  readonly messages = new Map<string, StoredGmailMessage>();
  readonly history: HistoryRecord[] = [];
  readonly userLabels = new Map<string, string>(); // id -> name
  historyId = 100_000;
  /** History ids below this are no longer available (history.list answers 404). */
  minHistoryId = 0;
  /** Called with each new history record (the emulator's Pub/Sub pushes from here). */
  readonly listeners: ((record: HistoryRecord) => void)[] = [];

  constructor(readonly email: string) {}

  private nextHistoryId(): number {
    // Ids grow with random gaps, as Gmail documents.
    this.historyId += 1 + Math.floor(Math.random() * 5);
    return this.historyId;
  }

  private record(messageId: string, type: HistoryRecord['type'], labelIds: string[]): number {
    const id = this.nextHistoryId();
    const record: HistoryRecord = { id, messageId, type, labelIds };
    this.history.push(record);
    for (const listener of this.listeners) listener(record);
    return id;
  }

  /** Adds a message with these label ids (`['INBOX', 'CATEGORY_PERSONAL']`, `['SENT']`, `[]` for archived…). */
  deliver(labelIds: string[], input: NewGmailMessage = {}): StoredGmailMessage {
    const date = input.date ?? new Date();
    const raw =
      input.raw ??
      buildRfc822({
        from: input.from ?? 'Someone <someone@example.com>',
        to: input.to ?? [this.email],
        cc: input.cc ?? [],
        subject: input.subject ?? '',
        date,
        messageId: input.messageId ?? `<${hexId()}@mail.example.com>`,
        headers: input.headers ?? {},
        body: input.body ?? '',
        attachments: input.attachments ?? [],
      });
    const id = hexId();
    const message: StoredGmailMessage = {
      id,
      threadId: input.threadId ?? id,
      labelIds: [...labelIds],
      raw,
      internalDate: date.getTime(),
      historyId: 0,
    };
    this.messages.set(id, message);
    message.historyId = this.record(id, 'messageAdded', message.labelIds);
    return message;
  }

  modifyLabels(id: string, add: string[], remove: string[]): void {
    const m = this.messages.get(id);
    if (!m) throw new Error('no such message');
    const added = add.filter((l) => !m.labelIds.includes(l));
    const removed = remove.filter((l) => m.labelIds.includes(l));
    m.labelIds = [...m.labelIds.filter((l) => !removed.includes(l)), ...added];
    if (added.length) m.historyId = this.record(id, 'labelAdded', added);
    if (removed.length) m.historyId = this.record(id, 'labelRemoved', removed);
  }

  delete(id: string): void {
    if (!this.messages.delete(id)) return;
    this.record(id, 'messageDeleted', []);
  }

  /** Gmail keeps history for about a week; this forgets all of it up to now. */
  expireHistory(): void {
    this.minHistoryId = this.historyId;
  }
}
