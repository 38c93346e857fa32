/**
 * The Graph emulator's mailbox: folders with Outlook's well-known names, messages, and a change log
 * (added / updated / removed per folder) that delta rounds read.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface GraphAddress {
  name?: string;
  address: string;
}
export interface GraphRecipient {
  emailAddress: GraphAddress;
}

export interface StoredFolder {
  id: string;
  displayName: string;
  wellKnownName?: string;
  parentFolderId: string;
}

export interface StoredAttachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  /** The file (fileAttachment.contentBytes). */
  content: Buffer;
}

export interface StoredMessage {
  id: string;
  folderId: string;
  receivedDateTime: string;
  sentDateTime: string;
  subject: string;
  from?: GraphRecipient;
  sender?: GraphRecipient;
  toRecipients: GraphRecipient[];
  ccRecipients: GraphRecipient[];
  bccRecipients: GraphRecipient[];
  internetMessageId: string;
  conversationId: string;
  bodyText: string;
  internetMessageHeaders: { name: string; value: string }[];
  attachments: StoredAttachment[];
  isRead: boolean;
  isDraft: boolean;
  changeKey: string;
}

export interface NewMessage {
  subject?: string;
  from?: GraphAddress;
  to?: GraphAddress[];
  cc?: GraphAddress[];
  bcc?: GraphAddress[];
  receivedDateTime?: string;
  sentDateTime?: string;
  internetMessageId?: string;
  conversationId?: string;
  bodyText?: string;
  headers?: Record<string, string>;
  attachments?: { name: string; size?: number; contentType?: string; content?: string }[];
}

/**
 * What a state token of an older generation answers. Graph documents two shapes
 * (https://learn.microsoft.com/en-us/graph/delta-query-overview, "Synchronization reset" and "Token duration"):
 * 410 Gone with a Location header (a reset), and for an expired token "a 40X-series error with error codes such as
 * `syncStateNotFound`"; https://learn.microsoft.com/en-us/graph/errors lists `syncStateNotFound` and `resyncRequired`
 * as codes, and `resyncRequired`, `resyncApplyDifferences`, `resyncUploadDifferences` as inner codes.
 */
export interface SyncStateAnswer {
  status: number;
  code: string;
  innerCode?: string;
}

export interface Change {
  seq: number;
  folderId: string;
  messageId: string;
  type: 'added' | 'updated' | 'removed';
}

/** The folders a new mailbox has (well-known names as Graph documents them). */
const WELL_KNOWN: [string, string][] = [
  ['inbox', 'Inbox'],
  ['sentitems', 'Sent Items'],
  ['archive', 'Archive'],
  ['drafts', 'Drafts'],
  ['junkemail', 'Junk Email'],
  ['deleteditems', 'Deleted Items'],
  ['outbox', 'Outbox'],
  ['conversationhistory', 'Conversation History'],
  ['clutter', 'Clutter'],
];

/**
 * The id Graph gives a message without `Prefer: IdType="ImmutableId"` ("This header only applies to the request it is
 * included with"): Outlook items' "IDs change. It doesn't happen often, only if the item is moved"
 * (https://learn.microsoft.com/en-us/graph/outlook-immutable-id). Here, derived from the immutable id and the folder.
 */
export const restId = (id: string, folderId: string) =>
  `AAMkAD${createHash('sha256').update(`${id}/${folderId}`).digest('base64url')}`;

const newId = () => `AAMkAG${randomBytes(24).toString('base64url')}`;
const recipient = (a: GraphAddress): GraphRecipient => ({ emailAddress: { ...a } });

export class GraphStore {
  readonly folders = new Map<string, StoredFolder>();
  readonly messages = new Map<string, StoredMessage>();
  readonly changes: Change[] = [];
  seq = 0;
  /** Bumped by expireDeltaTokens(): older state tokens answer `expiry`. */
  generation = 1;
  expiry: SyncStateAnswer = { status: 410, code: 'syncStateNotFound' };
  private readonly rootId = newId();
  private readonly addedListeners: ((message: StoredMessage) => void)[] = [];

  constructor(
    readonly user: { id: string; mail: string; displayName: string },
    withArchive = true,
  ) {
    for (const [wellKnownName, displayName] of WELL_KNOWN) {
      if (wellKnownName === 'archive' && !withArchive) continue;
      this.addFolder(displayName, wellKnownName);
    }
  }

  addFolder(displayName: string, wellKnownName?: string): StoredFolder {
    const folder: StoredFolder = { id: newId(), displayName, parentFolderId: this.rootId };
    if (wellKnownName) folder.wellKnownName = wellKnownName;
    this.folders.set(folder.id, folder);
    return folder;
  }

  /** A folder by id or well-known name (case-insensitive, as Graph accepts). */
  folder(idOrName: string): StoredFolder | undefined {
    const direct = this.folders.get(idOrName);
    if (direct) return direct;
    const lower = idOrName.toLowerCase();
    return [...this.folders.values()].find((f) => f.wellKnownName === lower);
  }

  private log(folderId: string, messageId: string, type: Change['type']): void {
    this.changes.push({ seq: ++this.seq, folderId, messageId, type });
    const message = this.messages.get(messageId);
    if (type === 'added' && message) for (const listener of this.addedListeners) listener(message);
  }

  /** Called for every message that arrives in a folder (delivered or moved there): change notifications. */
  onAdded(listener: (message: StoredMessage) => void): void {
    this.addedListeners.push(listener);
  }

  /** Delivers a message into a folder (`inbox`, `sentitems`, … or an id). */
  deliver(folder: string, input: NewMessage = {}): StoredMessage {
    const target = this.folder(folder);
    if (!target) throw new Error(`no folder ${folder}`);
    const now = new Date().toISOString();
    const id = newId();
    const fromAddress = input.from ?? { address: 'someone@example.com', name: 'Someone' };
    const headers = Object.entries(input.headers ?? {}).map(([name, value]) => ({ name, value }));
    const message: StoredMessage = {
      id,
      folderId: target.id,
      receivedDateTime: input.receivedDateTime ?? now,
      sentDateTime: input.sentDateTime ?? input.receivedDateTime ?? now,
      subject: input.subject ?? '',
      from: recipient(fromAddress),
      sender: recipient(fromAddress),
      toRecipients: (input.to ?? [{ address: this.user.mail }]).map(recipient),
      ccRecipients: (input.cc ?? []).map(recipient),
      bccRecipients: (input.bcc ?? []).map(recipient),
      internetMessageId: input.internetMessageId ?? `<${randomBytes(8).toString('hex')}@example.com>`,
      conversationId: input.conversationId ?? `AAQkAG${randomBytes(12).toString('base64url')}`,
      bodyText: input.bodyText ?? '',
      internetMessageHeaders: [
        { name: 'Message-ID', value: input.internetMessageId ?? '' },
        { name: 'Subject', value: input.subject ?? '' },
        ...headers,
      ],
      attachments: (input.attachments ?? []).map((a) => {
        const content = Buffer.from(a.content ?? 'x'.repeat(a.size ?? 100));
        return {
          id: newId(),
          name: a.name,
          size: a.size ?? content.length,
          contentType: a.contentType ?? 'application/octet-stream',
          content,
        };
      }),
      isRead: false,
      isDraft: target.wellKnownName === 'drafts',
      changeKey: randomBytes(6).toString('base64url'),
    };
    this.messages.set(id, message);
    this.log(target.id, id, 'added');
    return message;
  }

  /** Moves a message; with immutable ids it keeps its id, as Graph's ImmutableId promises. */
  move(id: string, folder: string): StoredMessage {
    const message = this.messages.get(id);
    const target = this.folder(folder);
    if (!message || !target) throw new Error('no such message or folder');
    this.log(message.folderId, id, 'removed');
    message.folderId = target.id;
    this.log(target.id, id, 'added');
    return message;
  }

  update(id: string, patch: Partial<Pick<StoredMessage, 'isRead' | 'subject'>>): void {
    const message = this.messages.get(id);
    if (!message) throw new Error('no such message');
    Object.assign(message, patch, { changeKey: randomBytes(6).toString('base64url') });
    this.log(message.folderId, id, 'updated');
  }

  delete(id: string): void {
    const message = this.messages.get(id);
    if (!message) return;
    this.messages.delete(id);
    this.log(message.folderId, id, 'removed');
  }

  /** A message by its immutable id or its current (folder-bound) id: Graph accepts both formats. */
  find(id: string): StoredMessage | undefined {
    return this.messages.get(id) ?? [...this.messages.values()].find((m) => restId(m.id, m.folderId) === id);
  }

  inFolder(folderId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.folderId === folderId);
  }

  /**
   * Every delta state token issued so far stops working (the service lost its sync state): they answer 410 Gone with
   * a Location header (the default), or the 40X and code given, e.g. `{ status: 400, code: 'syncStateNotFound' }`.
   */
  expireDeltaTokens(answer: Partial<SyncStateAnswer> = {}): void {
    this.generation++;
    this.expiry = { status: answer.status ?? 410, code: answer.code ?? 'syncStateNotFound' };
    if (answer.innerCode) this.expiry.innerCode = answer.innerCode;
  }
}
