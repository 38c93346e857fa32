import { joinAnd } from '../../../src/rules/trace-text';

// What the compose pane tells the rep about Save when sent, kept apart from the UI so the sentences are tested.

/** "Will be saved to the CRM when you send it, linked to Jane Doe and Acme — UK expansion." */
export function whenSentText(names: string[], autosaveThread: boolean): string {
  const linked = names.length > 0 ? `, linked to ${joinAnd(names)}` : '';
  const thread = autosaveThread ? ' The next emails in this thread will be saved too.' : '';
  return `Will be saved to the CRM when you send it${linked}.${thread}`;
}

/**
 * The sentence when Outlook cannot carry the pick in the message. A reply can be followed by its conversationId,
 * which only a Microsoft 365 mailbox knows its emails by (an IMAP or Maildir one needs References, Mailbox 1.8).
 */
export function noHeadersText(threadId: string | undefined): string {
  const why = "This Outlook can't mark an email to be saved when sent (that needs Mailbox 1.8).";
  return threadId
    ? `${why} Instead, Liaison can save the next emails you send in this conversation, with the records you pick ` +
        '(a Microsoft 365 mailbox; an IMAP or Maildir one cannot follow a conversation without Mailbox 1.8).'
    : `${why} This new email has no conversation yet: once it is sent, open it in Sent Items and choose Save…; ` +
        'tick "Auto-save all next emails in this thread" there to save the replies too.';
}

/** Without Mailbox 1.8, on a reply: the pick follows the conversation. */
export function threadPickText(names: string[]): string {
  const linked = names.length > 0 ? `, linked to ${joinAnd(names)}` : '';
  return `The next email you send in this conversation will be saved${linked}, and the ones after it too.`;
}
