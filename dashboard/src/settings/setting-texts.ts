import { sharingLevelLabel } from '../../../src/content/sharing-level-labels';
import type { SyncSettings } from '../api/types';
import { SHARING_LEVELS as CORE_LEVELS } from '../../../src/sidebar/sharing-level-labels';

// What each sync setting is called and, in one line, what it does. Shared by a user's own settings and the
// organisation's defaults for new users.

export type SwitchSetting =
  'autoshareEmails' | 'threadAutosave' | 'linkToOpportunities' | 'autoCreateContacts';

export const SWITCHES: readonly { key: SwitchSetting; label: string; hint: string }[] = [
  {
    key: 'autoshareEmails',
    label: 'Enable auto-sharing of emails',
    hint: 'At each sync, new emails with your known contacts and leads are saved to the CRM.',
  },
  {
    key: 'threadAutosave',
    label: 'Auto-save all emails in threads',
    hint: 'Once you save an email of a thread, the next emails in that thread are saved too.',
  },
  {
    key: 'linkToOpportunities',
    label: 'Link to opportunities',
    hint: "Saved emails are linked to the account's open opportunity, or to the account when there is none.",
  },
  {
    key: 'autoCreateContacts',
    label: 'Create contacts automatically',
    hint: "An unknown sender from a customer's domain becomes a new contact on that account.",
  },
];

export type EventSwitchSetting = 'autoshareMeetings' | 'autoshareAppointments';

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** The calendar's switches; `horizonDays` is the horizon the calendar sync runs with (the server says it). */
export function eventSwitches(
  horizonDays: number,
): readonly { key: EventSwitchSetting; label: string; hint: string }[] {
  return [
    {
      key: 'autoshareMeetings',
      label: 'Enable meetings auto-sharing',
      hint: `At each sync, meetings with your known contacts and leads, up to ${days(horizonDays)} ahead, are saved to the CRM calendar (never private or declined ones).`,
    },
    {
      key: 'autoshareAppointments',
      label: 'Enable appointments auto-sharing',
      hint: `At each sync, your appointments (events with no one else invited), up to ${days(horizonDays)} ahead, are saved to your own CRM calendar (never private ones).`,
    },
  ];
}

export const BLACKLIST_POLICIES: readonly {
  value: SyncSettings['blacklistPolicy'];
  label: string;
  hint: string;
}[] = [
  {
    value: 'exclude-participant',
    label: 'Exclude the blacklisted participant',
    hint: 'The email is still saved for the other participants; the blacklisted one is left out.',
  },
  {
    value: 'skip-email',
    label: 'Skip the whole email',
    hint: 'Any blacklisted participant keeps the whole email out of the CRM.',
  },
];

/** The sharing levels, worded by the core with the server's attachment limit (what `shareContent` does). */
export function sharingLevels(
  attachmentLimitMb: number,
): { value: SyncSettings['sharing']['inbound']; label: string }[] {
  return CORE_LEVELS.map((value) => ({
    value,
    label: sharingLevelLabel(value, attachmentLimitMb),
  }));
}

export const DIRECTIONS: readonly { key: 'inbound' | 'outbound'; label: string; hint: string }[] = [
  {
    key: 'inbound',
    label: 'Emails you receive',
    hint: 'How much of an email you receive goes into the CRM.',
  },
  { key: 'outbound', label: 'Emails you send', hint: 'How much of an email you send goes into the CRM.' },
];
