import type { SyncSettings } from '../types';
import { pass, skip, type RuleResult } from '../rules/rule-result';
import type { EventKind } from './event-types';

// Rule 7: meetings and appointments each have their own switch, both off until the user turns them on. An
// appointment (the user alone, perhaps with a room) goes to the user's own CRM calendar, linked to nobody.

const VERDICTS: Record<EventKind, Record<'on' | 'off', RuleResult<'meetings_off' | 'appointments_off'>>> = {
  meeting: {
    on: pass('It is a meeting, and auto-sharing of meetings is on.'),
    off: skip('meetings_off', 'it is a meeting, and auto-sharing of meetings is off in your settings.'),
  },
  appointment: {
    on: pass(
      'It is an appointment (only you take part), and auto-sharing of appointments is on: it goes to your own CRM calendar, linked to no one.',
    ),
    off: skip(
      'appointments_off',
      'it is an appointment (only you take part), and auto-sharing of appointments is off in your settings.',
    ),
  },
};

export function eventModeRule(
  kind: EventKind,
  settings: Partial<SyncSettings>,
): RuleResult<'meetings_off' | 'appointments_off'> {
  const on =
    kind === 'meeting' ? settings.autoshareMeetings === true : settings.autoshareAppointments === true;
  return VERDICTS[kind][on ? 'on' : 'off'];
}
