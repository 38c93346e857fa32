import {
  buildMeetingView,
  DEFAULT_HORIZON_DAYS,
  eventKey,
  type CalendarEvent,
  type MeetingView,
  type SavedMeeting,
} from '../../src';
import type { AppDeps } from '../app/app-deps';
import { savedEventsByKeys, type EventLedgerEntry } from '../db/event-ledger-repo';
import { getUsers, type User } from '../db/users-repo';
import { gatherEventContext } from '../sync/calendar/event-context';
import { NOT_READ_YET, openMeeting } from './meeting-event';
import { recordDetails } from './sidebar-service';

// The sidebar for one open meeting or appointment (event-rules.md section 6): the calendar sync's own context for
// it (gatherEventContext: settings, blacklists, the CRM's records, the organisation's saved events, colleagues who
// use the CRM), names and recent activities, where it was saved, and the core's buildMeetingView.

const RECENT_ACTIVITIES = 5;

/** Where and how an event was saved, for the sidebars (the owner's name in place of their id). */
export async function describeSavedEvent(
  deps: Pick<AppDeps, 'db'>,
  entry: EventLedgerEntry,
): Promise<SavedMeeting> {
  const [owner] = entry.ownerUserId ? await getUsers(deps.db, [entry.ownerUserId]) : [];
  return {
    crmEventId: entry.crmEventId,
    savedAt: entry.savedAt,
    owner: owner?.displayName ?? 'a former user',
    mode: entry.mode,
    links: [...entry.links.who, ...(entry.links.what ? [entry.links.what] : [])],
    cancelled: entry.cancelled,
  };
}

export async function meetingView(
  deps: Pick<AppDeps, 'db' | 'crm' | 'now'>,
  user: User,
  request: { event: CalendarEvent; sourceId?: string },
): Promise<MeetingView> {
  const { event, keyKnown, mailbox } = await openMeeting(deps, user, request.event, request.sourceId);
  const saved = keyKnown ? await savedEventsByKeys(deps.db, [eventKey(event)]) : new Map();
  const { ctx, gathered } = await gatherEventContext(deps, user, [event], {
    connectedAt: mailbox?.connectedAt ?? user.connectedAt ?? '',
    now: deps.now(),
    horizonDays: DEFAULT_HORIZON_DAYS,
    saved,
    recentActivities: RECENT_ACTIVITIES,
  });
  const entry = saved.get(eventKey(event));
  const view = buildMeetingView(event, ctx, {
    details: recordDetails(gathered.people, gathered.accounts, gathered.opportunities, (ref) =>
      deps.crm.recordUrl?.(ref),
    ),
    activities: gathered.activities ?? {},
    ...(entry ? { saved: await describeSavedEvent(deps, entry) } : {}),
  });
  if (!keyKnown) {
    view.manualSave = { allowed: false, why: NOT_READ_YET };
    view.autoshare.line = 'Not read by the calendar sync yet: what autosharing will do shows once it has.';
    view.autoshare.willSave = false;
    return view;
  }
  // Autosharing runs only when the admin enabled it and included this user, and only on a calendar it reads.
  const { organisation } = gathered;
  if (view.autoshare.willSave) {
    const why = !organisation.autosharingEnabled
      ? 'autosharing is not enabled for your company'
      : !user.includedInImport
        ? 'your admin has not included you in autosharing'
        : !mailbox
          ? 'your calendar is not connected to Liaison'
          : undefined;
    if (why) {
      view.autoshare.line = `Won't be saved automatically: ${why}.`;
      view.autoshare.willSave = false;
    }
  }
  return view;
}
