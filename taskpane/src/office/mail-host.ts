import type { MeetingRequest } from '../../../src/api/meeting-api';
import type { MailMessage } from '../../../src/types';
import {
  ITEM_CHANGED,
  OFFICE_THEME_CHANGED,
  type ComposeItemLike,
  type OfficeLike,
  type OrganizerItemLike,
  type ReadItemLike,
} from './office-like';
import {
  isComposeMessage,
  onRecipientsChanged,
  readDraft,
  readSaveHeader,
  removeSaveHeader,
  setSaveHeader,
  type Draft,
} from './compose-item';
import { readContent, readEnvelope } from './read-item';
import { isOrganizerForm, readMeeting, readOrganizerMeeting } from './read-meeting';
import { isDarkBackground } from './theme';

// What the pane needs from its host, over an Office-like object: the open item, a signal when the selection
// changes (a pinned pane follows the selected email), the content on save, the theme and a bearer token.

/** The selected item: an email, or a meeting or appointment (read with `read`, async in the organizer's form). */
export type OpenItem =
  | { kind: 'email'; id: string; subject: string; message: MailMessage }
  | { kind: 'meeting'; id: string; subject: string; read(): Promise<MeetingRequest> }
  | { kind: 'compose'; id: string; subject: string; draft: DraftHost };

/** The email being written (compose mode). */
export interface DraftHost {
  read(): Promise<Draft>;
  /** Calls `listener` (debounced) when To, Cc or Bcc change; returns a function that stops it. */
  onRecipientsChanged(listener: () => void): () => void;
  /** Mailbox 1.8: the pick can travel in the message as an internet header. */
  canMarkForSaving: boolean;
  markForSaving(token: string): Promise<void>;
  unmark(): Promise<void>;
  /** The token the draft carries already (the pane reopened on it), if any. */
  mark(): Promise<string | undefined>;
}

export interface MailHost {
  /** The open item's envelope, or undefined when nothing is selected. */
  readItem(): MailMessage | undefined;
  /** The open item, email or meeting, or undefined when nothing is selected. */
  readOpen(): OpenItem | undefined;
  /**
   * Body, attachment names and (Mailbox 1.8) the thread's header fields of the open item, for a save; with `files`
   * (a save at `full`) the files too.
   */
  readContent(files?: {
    limitBytes: number;
  }): Promise<Pick<MailMessage, 'bodyText' | 'attachments' | 'headers'>>;
  /** Calls `listener` when the selected item changes; returns a function that stops it. */
  onItemChanged(listener: () => void): () => void;
  /** Calls `listener` with the new theme when Outlook's changes (Mailbox 1.14; older hosts never call it). */
  onThemeChanged(listener: (dark: boolean) => void): () => void;
  /** Outlook's theme when the pane started. */
  dark: boolean;
  userAddress: string | undefined;
  /** A bearer token for the Liaison server; `fresh` forces a new one after a 401. */
  token(fresh?: boolean): Promise<string>;
}

export function createMailHost(office: OfficeLike, token: (fresh?: boolean) => Promise<string>): MailHost {
  const mailbox = office.context.mailbox;
  const userAddress = mailbox.userProfile?.emailAddress;
  // getAllInternetHeadersAsync is Mailbox 1.8; older hosts save with the conversationId alone.
  const headers = office.context.requirements?.isSetSupported('Mailbox', '1.8') === true;
  const listeners = new Set<() => void>();
  const themeListeners = new Set<(dark: boolean) => void>();
  // One DraftHost per item being written, so the pane's handlers stay with it across refreshes.
  const drafts = new WeakMap<ComposeItemLike, DraftHost>();
  const draftHost = (item: ComposeItemLike): DraftHost => {
    const known = drafts.get(item);
    if (known) return known;
    const made: DraftHost = {
      read: () => readDraft(item),
      onRecipientsChanged: (listener) => onRecipientsChanged(item, listener),
      canMarkForSaving: headers && item.internetHeaders !== undefined,
      markForSaving: (token) => setSaveHeader(item, token),
      unmark: () => removeSaveHeader(item),
      mark: () => readSaveHeader(item),
    };
    drafts.set(item, made);
    return made;
  };
  // One Office handler per event for the pane's lifetime; listeners come and go with React effects. A host
  // without the theme event answers its registration with a failure, which leaves the first theme in place.
  mailbox.addHandlerAsync?.(ITEM_CHANGED, () => listeners.forEach((l) => l()));
  mailbox.addHandlerAsync?.(OFFICE_THEME_CHANGED, (args) => {
    const dark = isDarkBackground(
      args?.officeTheme?.bodyBackgroundColor ?? office.context.officeTheme?.bodyBackgroundColor,
    );
    themeListeners.forEach((l) => l(dark));
  });
  return {
    readItem: () => (mailbox.item ? readEnvelope(mailbox.item, userAddress) : undefined),
    readOpen: () => {
      const item = mailbox.item as ReadItemLike | OrganizerItemLike | ComposeItemLike | null | undefined;
      if (!item) return undefined;
      // Before the organizer's form: a message being written also answers its subject with getAsync.
      if (isComposeMessage(item))
        return { kind: 'compose', id: 'draft', subject: '', draft: draftHost(item) };
      if (isOrganizerForm(item))
        return {
          kind: 'meeting',
          id: item.itemId ?? 'new-meeting',
          subject: '',
          read: () => readOrganizerMeeting(item, mailbox, userAddress),
        };
      if (item.itemType === 'appointment') {
        const request = readMeeting(item, mailbox, userAddress);
        return {
          kind: 'meeting',
          id: item.itemId ?? `${request.event.subject}|${request.event.start}`,
          subject: request.event.subject,
          read: () => Promise.resolve(request),
        };
      }
      const message = readEnvelope(item, userAddress);
      return { kind: 'email', id: message.internetMessageId, subject: message.subject, message };
    },
    readContent: (files) =>
      mailbox.item
        ? readContent(mailbox.item, { headers, ...(files ? { files } : {}) })
        : Promise.resolve({}),
    onItemChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onThemeChanged: (listener) => {
      themeListeners.add(listener);
      return () => themeListeners.delete(listener);
    },
    dark: isDarkBackground(office.context.officeTheme?.bodyBackgroundColor),
    userAddress,
    token,
  };
}
