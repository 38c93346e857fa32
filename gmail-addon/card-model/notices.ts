import type { SavedEmail, SavedMeeting } from '../../src';
import { linksAddedText } from '../../src/sidebar/add-links';
import type { AddLinksRequest } from '../../src/api';

// The one-line notifications shown after an action.

export function savedNotice(saved: SavedEmail, subscribed: boolean, attachments?: string): string {
  const links = saved.links.length === 1 ? '1 record' : `${saved.links.length} records`;
  return `Saved to the CRM, linked to ${links}.${subscribed ? ' The next emails in this thread will be saved too.' : ''}${attachments ? ` ${attachments}` : ''}`;
}

export function blacklistedNotice(address: string): string {
  return `${address} is on your Do Not Sync list: it will never be saved or shown.`;
}

export function createdNotice(kind: 'contact' | 'lead', email: string, created: boolean): string {
  return created ? `The ${kind} for ${email} is in the CRM.` : `${email} was already in the CRM.`;
}

/** After "Add links": the same words as the Outlook pane (the core's). */
export function linksAddedNotice(choices: Omit<AddLinksRequest, 'message'>, subscribed: boolean): string {
  return linksAddedText((choices.who ?? []).length + (choices.what ? 1 : 0), subscribed);
}

/** After Save meeting: a new CRM event, or the one saved before updated (one meeting, one CRM event). */
export function meetingSavedNotice(saved: SavedMeeting, action: 'save' | 'update'): string {
  const links = saved.links.length === 1 ? '1 record' : `${saved.links.length} records`;
  const linked = saved.links.length > 0 ? `, linked to ${links}` : '';
  return action === 'update'
    ? `The meeting's CRM event is updated${linked}.`
    : `Meeting saved to the CRM${linked}; its CRM event belongs to ${saved.owner}.`;
}

/** After a search: how many records were found, and where they are offered. */
export function foundNotice(query: string, count: number): string {
  if (count === 0) return `Nothing in the CRM matches "${query}".`;
  return `${count === 1 ? '1 record' : `${count} records`} found for "${query}": pick ${count === 1 ? 'it' : 'them'} in the form above.`;
}

/** After Save when sent: what happens next, and until when the pick holds. */
export function whenSentNotice(expiresAt: string): string {
  const until = expiresAt.slice(0, 16).replace('T', ' ');
  return `Kept: the next email you send in this thread is saved to the CRM with your pick (until ${until} UTC).`;
}

export const AUTOSAVE_OFF_NOTICE = 'Thread auto-save is off for this thread.';

/** Save when sent on a draft with no thread (a new email, not a reply): both runtimes refuse it in these words. */
export const noThreadFailure = (status: number) =>
  ({
    ok: false,
    failure: {
      status,
      error: 'no_thread',
      message: 'Save when sent works on replies in Gmail: this draft has no thread yet.',
    },
  }) as const;
