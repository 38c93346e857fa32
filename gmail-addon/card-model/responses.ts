import type { SidebarView } from '../../src';
import type { AddonResponse } from './card-types';
import { messageCard, traceCard, type ApiFailure } from './other-cards';
import { sidebarCard } from './sidebar-card';

// What the actions answer, for both runtimes: the flows differ only in how they reach the server.

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

/** The sidebar after loading or after an action; a failure to load becomes a message card, never a crash. */
export function viewResponse(
  view: Outcome<SidebarView>,
  navigation: AddonResponse['navigation'],
  notification?: string,
): AddonResponse {
  const card = view.ok ? sidebarCard(view.value) : messageCard('Could not load this email', view.failure);
  return { navigation, card, ...(notification ? { notification } : {}) };
}

/** The trace behind the autosharing line, pushed over the sidebar. */
export function traceResponse(view: Outcome<SidebarView>): AddonResponse {
  return view.ok ? { navigation: 'push', card: traceCard(view.value) } : viewResponse(view, 'push');
}

/** An action the server refused: the card stays, a notification says why. */
export function refusedResponse(
  view: Outcome<SidebarView>,
  failure: ApiFailure,
  text: string,
): AddonResponse {
  return viewResponse(view, 'update', `${text}: ${failure.message || `error ${failure.status}`}`);
}
