import { DEFAULT_HORIZON_DAYS, type CalendarEvent } from '../../src';
import type { AppDeps } from '../app/app-deps';
import { getMailboxOfUser } from '../db/mailboxes-repo';
import { getUser, type User } from '../db/users-repo';
import type { CalendarChange } from '../providers/calendar-source';
import { emlInvitationEvents, newestChanges } from '../providers/invitation-events';
import { providerOf } from '../providers/registry';
import { demoInvitations } from '../sync/demo/demo-invitations';

// The meetings the preview's stand-in mailbox offers beside its emails: the invitations in the caller's mailbox
// where its provider reads them directly (npm start's demo Maildir, as its calendar sync reads them), or, for a
// user without one, the demo's invitations addressed to them. Each with the provider's id of the event, which is
// what Outlook's item gives the pane (not the iCalendar UID): the server finds the event's key from it.

const LIMIT = 20;
const DAY_MS = 86_400_000;

export interface PreviewMeeting {
  sourceId: string;
  event: CalendarEvent;
}

const demo = new Map<string, Promise<CalendarChange[]>>();
function demoSet(now: Date, user: User): Promise<CalendarChange[]> {
  let set = demo.get(user.id);
  if (!set) {
    const rep = { address: user.addresses[0] ?? '', name: user.displayName || (user.addresses[0] ?? '') };
    const window = { startMs: now.getTime() - DAY_MS, endMs: now.getTime() + DEFAULT_HORIZON_DAYS * DAY_MS };
    set = Promise.all(demoInvitations(now, rep).map((m) => emlInvitationEvents(m.eml, window))).then((read) =>
      newestChanges(read.flatMap((r) => r.events)),
    );
    demo.set(user.id, set);
  }
  return set;
}

export async function previewMeetings(
  deps: Pick<AppDeps, 'db' | 'now'>,
  userId: string,
): Promise<PreviewMeeting[]> {
  const now = deps.now();
  const mailbox = await getMailboxOfUser(deps.db, userId);
  const window = {
    startMs: now.getTime() - 7 * DAY_MS,
    endMs: now.getTime() + DEFAULT_HORIZON_DAYS * DAY_MS,
  };
  const read = mailbox ? providerOf(mailbox.kind).previewEvents?.(mailbox, window) : undefined;
  const found = read ? await read.catch(() => []) : [];
  const user = found.length > 0 ? undefined : await getUser(deps.db, userId);
  const changes = found.length > 0 || !user ? found : await demoSet(now, user);
  // A series shows by its next occurrence: one line per meeting, as a calendar's agenda would start.
  const seen = new Set<string>();
  const meetings: PreviewMeeting[] = [];
  for (const change of [...changes].sort((a, b) => startOf(a).localeCompare(startOf(b)))) {
    if (change.kind !== 'event' || seen.has(change.event.uid)) continue;
    seen.add(change.event.uid);
    meetings.push({ sourceId: change.sourceId, event: change.event });
  }
  return meetings.slice(0, LIMIT);
}

const startOf = (c: CalendarChange) => (c.kind === 'event' ? c.event.start : '');
