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

function perform(event: AddonEvent): (step: Step) => StepResults[Step['op']] {
  const client = new LiaisonClient(__LIAISON_SERVER_URL__.replace(/\/+$/, ''));
  return (step) => {
    switch (step.op) {
      case 'view':
        return client.sidebar(openMessage(event, false));
      case 'save':
        return client.save({ message: openMessage(event, true), ...step.choices });
      case 'addLinks':
        return client.addLinks({ message: openMessage(event, false), ...step.choices });
      case 'createRecord':
        return client.createRecord(step.request);
      case 'doNotSync':
        return client.doNotSync(step.address);
    }
  };
}

/** Where a card goes when something unexpected fails: Gmail never shows a bare script error. */
const FALLBACK: Record<FlowName, AddonResponse['navigation']> = {
  homepage: 'root',
  message: 'root',
  refresh: 'update',
  showTrace: 'push',
  openCreateForm: 'push',
  save: 'update',
  addLinks: 'update',
  createRecord: 'update',
  doNotSync: 'update',
};

function handler(name: FlowName) {
  return (event: AddonEvent = {}) => {
    let response: AddonResponse;
    try {
      response = runFlowSync(FLOWS[name](event.commonEventObject), perform(event));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      response = viewResponse(
        { ok: false, failure: { status: 0, error: 'addon_error', message } },
        FALLBACK[name],
      );
    }
    return renderResponse(response);
  };
}

export const homepage = handler('homepage');
export const messageOpen = handler('message');
export const refresh = handler('refresh');
export const showTrace = handler('showTrace');
export const openCreateForm = handler('openCreateForm');
export const save = handler('save');
export const addLinks = handler('addLinks');
export const createRecord = handler('createRecord');
export const doNotSync = handler('doNotSync');
