import type { MeetingView, SidebarView } from '../../src';
import type { AddonResponse, FormPicks } from './card-types';
import { composeCard, type DraftOpen } from './compose-card';
import { meetingCard, meetingTraceCard } from './meeting-card';
import { messageCard, traceCard, type ApiFailure } from './other-cards';
import { sidebarCard } from './sidebar-card';

// What the actions answer, for both runtimes: the flows differ only in how they reach the server.

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

/** What the add-on has open: an email in Gmail or an event in Google Calendar, each with the core's view of it. */
export type OpenView = { item: 'email'; view: SidebarView } | { item: 'meeting'; view: MeetingView };

/** The sidebar after loading or after an action; a failure to load becomes a message card, never a crash. */
export function viewResponse(
  view: Outcome<OpenView>,
  navigation: AddonResponse['navigation'],
  notification?: string,
  picks?: FormPicks,
): AddonResponse {
  const card = !view.ok
    ? messageCard(
        `Could not load this ${view.failure.item === 'meeting' ? 'meeting' : 'email'}`,
        view.failure,
      )
    : view.value.item === 'email'
      ? sidebarCard(view.value.view, picks)
      : meetingCard(view.value.view);
  return { navigation, card, ...(notification ? { notification } : {}) };
}

/** The trace behind the autosharing line, pushed over the sidebar. */
export function traceResponse(view: Outcome<OpenView>): AddonResponse {
  if (!view.ok) return viewResponse(view, 'push');
  const open = view.value;
  return {
    navigation: 'push',
    card: open.item === 'email' ? traceCard(open.view) : meetingTraceCard(open.view),
  };
}

/** An action the server refused: the card stays, a notification says why. */
export function refusedResponse(view: Outcome<OpenView>, failure: ApiFailure, text: string): AddonResponse {
  return viewResponse(view, 'update', `${text}: ${failure.message || `error ${failure.status}`}`);
}

/** The compose card after the trigger or an action; a failure to load it becomes a message card. */
export function composeResponse(
  draft: Outcome<DraftOpen>,
  navigation: AddonResponse['navigation'],
  notification?: string,
  picks?: FormPicks,
): AddonResponse {
  const card = draft.ok
    ? composeCard(draft.value, picks)
    : messageCard('Could not load the records for this reply', draft.failure);
  return { navigation, card, ...(notification ? { notification } : {}) };
}
