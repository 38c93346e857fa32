import type { SaveWhenSentResponse } from '../../../src/api/compose-api';
import type { EmailAddress } from '../../../src/types';
import {
  RECIPIENTS_CHANGED,
  SUCCEEDED,
  type AddressDetails,
  type AsyncField,
  type AsyncResult,
  type ComposeItemLike,
} from './office-like';

// The email being written: its recipients and subject (read with getAsync, as Outlook's compose form answers
// them), RecipientsChanged to follow them as they are typed, and the `x-liaison-save` internet header that carries
// a "Save when sent" pick in the message itself (Mailbox 1.8).

/** The contract's header name, typed against it: importing the value would bring zod into the pane's first load. */
const SAVE_WHEN_SENT_HEADER: SaveWhenSentResponse['header'] = 'x-liaison-save';

/** What the compose pane asks the server about. */
export interface Draft {
  to: EmailAddress[];
  cc: EmailAddress[];
  bcc: EmailAddress[];
  subject: string;
  /** A reply's conversation, when Outlook names one (a new message has none until it is saved). */
  threadId?: string;
}

/** A message open in compose mode (its `to` answers getAsync), told apart from one being read. */
export function isComposeMessage(item: unknown): item is ComposeItemLike {
  const to = (item as { to?: unknown } | null | undefined)?.to;
  return (
    (item as { itemType?: string }).itemType !== 'appointment' &&
    typeof to === 'object' &&
    to !== null &&
    typeof (to as { getAsync?: unknown }).getAsync === 'function'
  );
}

function ask<T>(field: AsyncField<T> | undefined, fallback: T): Promise<T> {
  return new Promise((resolve, reject) => {
    if (!field) return resolve(fallback);
    field.getAsync((result) =>
      result.status === SUCCEEDED
        ? resolve(result.value ?? fallback)
        : reject(new Error(result.error?.message ?? 'Outlook could not read the email being written.')),
    );
  });
}

const addresses = (list: AddressDetails[]): EmailAddress[] =>
  list
    .filter((a) => a.emailAddress)
    .map((a) =>
      a.displayName && a.displayName !== a.emailAddress
        ? { address: a.emailAddress, name: a.displayName }
        : { address: a.emailAddress },
    );

export async function readDraft(item: ComposeItemLike): Promise<Draft> {
  const [to, cc, bcc, subject] = await Promise.all([
    ask(item.to, []),
    ask(item.cc, []),
    ask(item.bcc, []),
    ask(item.subject, ''),
  ]);
  const threadId = item.conversationId;
  return {
    to: addresses(to),
    cc: addresses(cc),
    bcc: addresses(bcc),
    subject,
    ...(threadId ? { threadId } : {}),
  };
}

/**
 * Calls `listener` once the recipients have stopped changing for `waitMs` (Outlook fires RecipientsChanged per
 * address resolved; the server is asked once). Returns a function that stops it.
 */
export function onRecipientsChanged(item: ComposeItemLike, listener: () => void, waitMs = 400): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let live = true;
  const handler = () => {
    if (!live) return;
    clearTimeout(timer);
    timer = setTimeout(() => live && listener(), waitMs);
  };
  item.addHandlerAsync?.(RECIPIENTS_CHANGED, handler);
  return () => {
    live = false;
    clearTimeout(timer);
    item.removeHandlerAsync?.(RECIPIENTS_CHANGED);
  };
}

function done(action: string) {
  return (resolve: () => void, reject: (e: Error) => void) => (result: AsyncResult<unknown>) =>
    result.status === SUCCEEDED
      ? resolve()
      : reject(new Error(`Outlook could not ${action} (${result.error?.message ?? 'no reason given'}).`));
}

/** Sets the header that asks the server to save the sent copy with the pick the token stands for. */
export function setSaveHeader(item: ComposeItemLike, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!item.internetHeaders)
      return reject(new Error('This Outlook cannot set internet headers (Mailbox 1.8).'));
    item.internetHeaders.setAsync(
      { [SAVE_WHEN_SENT_HEADER]: token },
      done('mark the email for saving')(resolve, reject),
    );
  });
}

/** Removes it: the email is sent as any other. */
export function removeSaveHeader(item: ComposeItemLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!item.internetHeaders) return resolve();
    item.internetHeaders.removeAsync([SAVE_WHEN_SENT_HEADER], done('unmark the email')(resolve, reject));
  });
}

/** The token the item carries now, if any (a pane reopened on the same draft finds its pick). */
export function readSaveHeader(item: ComposeItemLike): Promise<string | undefined> {
  return new Promise((resolve) => {
    if (!item.internetHeaders) return resolve(undefined);
    item.internetHeaders.getAsync([SAVE_WHEN_SENT_HEADER], (result) =>
      resolve(result.status === SUCCEEDED ? result.value?.[SAVE_WHEN_SENT_HEADER] : undefined),
    );
  });
}
