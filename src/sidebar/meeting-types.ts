import type { EventDecision, EventKind } from '../events/event-types';
import type { ParticipantRole } from '../events/event-participants';
import type { RecordRef } from '../types';
import type {
  NewRecordSuggestion,
  PickableRecord,
  RecentActivity,
  RecordDetails,
  SidebarPerson,
} from './sidebar-types';

// The sidebar's view model for one open meeting or appointment (event-rules.md section 6): what both faces render,
// Outlook's pane in an appointment and the Gmail add-on in a Google Calendar event. Face-neutral: sentences and
// flags, no layout.

export type MeetingRole = ParticipantRole; // 'organizer' | 'required' | 'optional'

/** Where and how the event was saved (from the server's event ledger). */
export interface SavedMeeting {
  crmEventId: string;
  savedAt: string;
  /** Who owns the CRM event (section 5: the organizer when a user of Liaison, else the first user who saved it), by
   * name ("a former user" when gone). */
  owner: string;
  mode: 'manual' | 'automatic';
  links: RecordRef[];
  cancelled: boolean;
}

export interface MeetingAutoshare {
  decision: EventDecision;
  /** "Will be saved at the next sync, linked to …" or "Won't be saved: internal meeting." */
  line: string;
  /** The decision's trace with the records' names in place of their ids. */
  trace: string[];
  willSave: boolean;
}

export interface MeetingView {
  /** eventKey(event): one meeting, one CRM event for the organisation. */
  key: string;
  kind: EventKind;
  subject: string;
  start: string;
  end: string;
  allDay: boolean;
  location?: string;
  cancelled: boolean;
  /** Known people among the participants (rooms and equipment never), in participant order. */
  people: SidebarPerson<MeetingRole>[];
  /** Unknown external participants: New records. */
  suggestions: NewRecordSuggestion<MeetingRole>[];
  hiddenBlacklisted: number;
  /** Rooms and equipment booked for it, by name: shown as what they are, never as people. */
  resources: string[];
  alreadySaved: boolean;
  saved?: SavedMeeting;
  /** Section 6: a rep may save it by hand unless rule 6 finds it saved and unchanged. */
  manualSave: { allowed: true; action: 'save' | 'update' } | { allowed: false; why: string };
  pickable: PickableRecord[];
  /** The name of every record the view mentions, keyed by `recordKey`, never an id. */
  names: Record<string, string>;
  autoshare: MeetingAutoshare;
}

export interface MeetingExtras {
  /** Keyed by `recordKey(ref)`. */
  details?: Record<string, RecordDetails>;
  activities?: Record<string, RecentActivity[]>;
  saved?: SavedMeeting;
}
