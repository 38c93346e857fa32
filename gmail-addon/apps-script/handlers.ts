import {
  filesToRead,
  FLOWS,
  runFlowSync,
  viewResponse,
  type AddonResponse,
  type FlowName,
  type Step,
  type StepResults,
} from '../card-model';
import type { GoogleOpenEvent } from '../../src/api/google-meeting-api';
import { draftMessage } from '../card-model/draft-message';
import { noThreadFailure } from '../card-model/notices';
import { appsScript, type AddonEvent } from './globals';
import { LiaisonClient } from './liaison-client';
import { readMessage } from './read-message';
import { renderResponse } from './render-card-service';

// The add-on's triggers and actions on Apps Script: the shared flows (card-model/flows.ts), run synchronously with
// the open message read by GmailApp and the server called by UrlFetchApp, rendered with CardService.

/** Written by scripts/gmail-build.js from LIAISON_GMAIL_SERVER_URL. */
declare const __LIAISON_SERVER_URL__: string;

function openMessage(event: AddonEvent, withContent: boolean) {
  const { GmailApp, Session, Utilities } = appsScript();
  const { messageId, accessToken } = event.gmail ?? {};
  if (!messageId || !accessToken) throw new Error('This needs an open email.');
  GmailApp.setCurrentMessageAccessToken(accessToken);
  const files = withContent ? filesToRead(event.commonEventObject) : undefined;
  return readMessage(
    GmailApp.getMessageById(messageId),
    Session.getActiveUser().getEmail(),
    withContent,
    files && { ...files, base64Encode: (data) => Utilities.base64Encode(data) },
  );
}

/** The Calendar event the trigger opened, as the server's meeting routes name it. */
function openEvent(event: AddonEvent): GoogleOpenEvent {
  const { id, calendarId, recurringEventId } = event.calendar ?? {};
  if (!id) throw new Error('This needs an open Calendar event.');
  return { id, ...(calendarId ? { calendarId } : {}), ...(recurringEventId ? { recurringEventId } : {}) };
}

function perform(event: AddonEvent): (step: Step) => StepResults[Step['op']] {
  const client = new LiaisonClient(__LIAISON_SERVER_URL__.replace(/\/+$/, ''));
  return (step) => {
    switch (step.op) {
      case 'view': {
        // Google Calendar (an event open) or Gmail: one card model, from the core's view of what is open.
        if (event.calendar) {
          const meeting = client.meeting(openEvent(event));
          return meeting.ok
            ? { ok: true, value: { item: 'meeting', view: meeting.value } }
            : { ok: false, failure: { ...meeting.failure, item: 'meeting' } };
        }
        const email = client.sidebar(openMessage(event, false));
        return email.ok ? { ok: true, value: { item: 'email', view: email.value } } : email;
      }
      case 'saveMeeting':
        return client.saveMeeting({ calendar: openEvent(event), ...step.choices });
      case 'save':
        return client.save({ message: openMessage(event, true), ...step.choices });
      case 'addLinks':
        return client.addLinks({ message: openMessage(event, false), ...step.choices });
      case 'createRecord':
        return client.createRecord(step.request);
      case 'contactDetails':
        return client.contactDetails(step.request);
      case 'doNotSync':
        return client.doNotSync(step.address);
      case 'draft': {
        // A reply names its thread; a new email has none (the card says what Save when sent does then).
        const threadId = event.gmail?.threadId;
        if (!threadId) return { ok: true, value: {} };
        const { Session } = appsScript();
        const { toRecipients, ccRecipients, bccRecipients } = event.gmail ?? {};
        const message = draftMessage(
          { threadId, from: Session.getActiveUser().getEmail(), toRecipients, ccRecipients, bccRecipients },
          new Date(),
        );
        const view = client.sidebar(message);
        return view.ok ? { ok: true, value: { threadId, view: view.value } } : view;
      }
      case 'search':
        return client.search(step.query);
      case 'autosaveOff':
        return client.autosaveOff(step.threadId);
      case 'saveWhenSent': {
        const threadId = event.gmail?.threadId;
        if (!threadId) return noThreadFailure(0);
        return client.saveWhenSent({ ...step.choices, threadId });
      }
    }
  };
}

/** Where a card goes when something unexpected fails: Gmail never shows a bare script error. */
const FALLBACK: Record<FlowName, AddonResponse['navigation']> = {
  homepage: 'root',
  message: 'root',
  event: 'root',
  refresh: 'update',
  showTrace: 'push',
  openCreateForm: 'push',
  save: 'update',
  addLinks: 'update',
  createRecord: 'update',
  doNotSync: 'update',
  saveMeeting: 'update',
  compose: 'root',
  searchCrm: 'update',
  autosaveOff: 'update',
  saveWhenSent: 'update',
};

function handler(name: FlowName) {
  return (event: AddonEvent = {}) => {
    let response: AddonResponse;
    try {
      response = runFlowSync(FLOWS[name](event.commonEventObject), perform(event));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      response = viewResponse(
        {
          ok: false,
          failure: {
            status: 0,
            error: 'addon_error',
            message,
            ...(event.calendar ? { item: 'meeting' } : {}),
          },
        },
        FALLBACK[name],
      );
    }
    return renderResponse(response);
  };
}

export const homepage = handler('homepage');
export const messageOpen = handler('message');
export const eventOpen = handler('event');
export const refresh = handler('refresh');
export const showTrace = handler('showTrace');
export const openCreateForm = handler('openCreateForm');
export const save = handler('save');
export const addLinks = handler('addLinks');
export const createRecord = handler('createRecord');
export const doNotSync = handler('doNotSync');
export const saveMeeting = handler('saveMeeting');
export const compose = handler('compose');
export const searchCrm = handler('searchCrm');
export const autosaveOff = handler('autosaveOff');
export const saveWhenSent = handler('saveWhenSent');
