import {
  blacklistedNotice,
  createdNotice,
  createFormInput,
  createRecordCard,
  createRecordRequest,
  homeCard,
  refusedResponse,
  saveChoices,
  savedNotice,
  traceResponse,
  viewResponse,
  type AddonResponse,
} from '../card-model';
import { appsScript, type AddonEvent } from './globals';
import { LiaisonClient } from './liaison-client';
import { readMessage } from './read-message';
import { renderResponse } from './render-card-service';

// The add-on's triggers and actions. Each reads the open message with GmailApp, asks the server, and renders the
// card model; none decides anything about the CRM.

/** Written by scripts/gmail-build.js from LIAISON_GMAIL_SERVER_URL. */
declare const __LIAISON_SERVER_URL__: string;

const client = (): LiaisonClient => new LiaisonClient(__LIAISON_SERVER_URL__.replace(/\/+$/, ''));

function openMessage(event: AddonEvent, withContent: boolean) {
  const { GmailApp, Session } = appsScript();
  const { messageId, accessToken } = event.gmail ?? {};
  if (!messageId || !accessToken) throw new Error('This action needs an open email.');
  GmailApp.setCurrentMessageAccessToken(accessToken);
  return readMessage(GmailApp.getMessageById(messageId), Session.getActiveUser().getEmail(), withContent);
}

function reload(event: AddonEvent, navigation: AddonResponse['navigation'], notification?: string) {
  return viewResponse(client().sidebar(openMessage(event, false)), navigation, notification);
}

/** Turns any unexpected error into a message card, so Gmail never shows a bare script failure. */
function guarded(run: () => AddonResponse, navigation: AddonResponse['navigation']) {
  try {
    return renderResponse(run());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return renderResponse(
      viewResponse({ ok: false, failure: { status: 0, error: 'addon_error', message } }, navigation),
    );
  }
}

export function homepage() {
  return renderResponse({ navigation: 'root', card: homeCard() });
}

export function messageOpen(event: AddonEvent) {
  return guarded(() => reload(event, 'root'), 'root');
}

export function refresh(event: AddonEvent) {
  return guarded(() => reload(event, 'update'), 'update');
}

export function showTrace(event: AddonEvent) {
  return guarded(() => traceResponse(client().sidebar(openMessage(event, false))), 'push');
}

export function save(event: AddonEvent) {
  return guarded(() => {
    const choices = saveChoices(event.commonEventObject);
    if (choices.who.length === 0)
      return reload(event, 'update', 'Pick at least one contact or lead to link.');
    const message = openMessage(event, true);
    const result = client().save({ message, ...choices });
    if (!result.ok) return refusedResponse(client().sidebar(message), result.failure, 'Not saved');
    return reload(event, 'update', savedNotice(result.value.saved, result.value.subscribed));
  }, 'update');
}

export function openCreateForm(event: AddonEvent) {
  return guarded(
    () => ({ navigation: 'push', card: createRecordCard(createFormInput(event.commonEventObject)) }),
    'push',
  );
}

export function createRecord(event: AddonEvent) {
  return guarded(() => {
    const request = createRecordRequest(event.commonEventObject);
    const result = client().createRecord(request);
    if (!result.ok)
      return {
        navigation: 'update',
        card: createRecordCard({
          ...createFormInput(event.commonEventObject),
          ...request,
          company: request.company ?? '',
        }),
        notification: `Not created: ${result.failure.message || `error ${result.failure.status}`}`,
      };
    return reload(event, 'back', createdNotice(request.kind, request.email, result.value.created));
  }, 'update');
}

export function doNotSync(event: AddonEvent) {
  return guarded(() => {
    const address = event.commonEventObject?.parameters?.address ?? '';
    const result = client().doNotSync(address);
    if (!result.ok)
      return refusedResponse(client().sidebar(openMessage(event, false)), result.failure, 'Not added');
    return reload(event, 'update', blacklistedNotice(address));
  }, 'update');
}
