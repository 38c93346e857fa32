import type { AddLinksRequest, SaveRequest, CreateRecordRequest } from '../../../src/api/sidebar-api';
import type { MeetingRequest, SaveMeetingRequest } from '../../../src/api/meeting-api';
import type { MeetingView, SavedMeeting } from '../../../src/sidebar/meeting-types';
import type { SaveWhenSentRequest, SaveWhenSentResponse } from '../../../src/api/compose-api';
import type { ContactDetailsRequest, ContactDetailsResponse } from '../../../src/api/contact-details-api';
import type { MailMessage, RecordRef } from '../../../src/types';
import type { Draft } from '../office/compose-item';
import type { SavedEmail, SidebarView } from '../../../src/sidebar/sidebar-types';

// The server calls the pane makes, with the host's bearer token. A 401 gets one retry with a fresh token; every
// failure becomes a PaneError whose message tells the rep what to do.

export class PaneError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface PaneApi {
  sidebar(message: MailMessage): Promise<SidebarView>;
  save(
    request: SaveRequest,
  ): Promise<{ saved: SavedEmail; subscribed: boolean; attachments?: string; threadNotice?: string }>;
  /** Rulebook section 4: links (and thread auto-save) added to an email saved already. */
  addLinks(request: AddLinksRequest): Promise<{ saved: SavedEmail; subscribed: boolean }>;
  createRecord(request: CreateRecordRequest): Promise<{ ref: RecordRef; created: boolean }>;
  /** Issue 19: what the sender's latest email says about them, for the create form's empty fields. */
  contactDetails(request: ContactDetailsRequest): Promise<ContactDetailsResponse>;
  doNotSync(address: string): Promise<{ added: string[]; errors: { input: string; message: string }[] }>;
  /** event-rules.md section 6: the open meeting's view, and Save meeting by hand. */
  meeting(request: MeetingRequest): Promise<MeetingView>;
  saveMeeting(request: SaveMeetingRequest): Promise<{ saved: SavedMeeting; action: 'save' | 'update' }>;
  /** Issue 18: the view of the email being written, and its "Save when sent" pick (answered with a token). */
  draft(draft: Draft): Promise<SidebarView>;
  saveWhenSent(request: SaveWhenSentRequest): Promise<SaveWhenSentResponse>;
}

function advice(status: number, code: string, message: string): string {
  if (status === 401) return 'Your sign-in has expired. Close and reopen Liaison to sign in again.';
  if (status === 403 && code !== 'csrf')
    return `${message} Ask your Liaison admin to add your address as a user.`;
  if (status === 429) return 'Too many requests for now. Wait a minute and try again.';
  if (status >= 500) return `The Liaison server had a problem (${message}). Try again in a moment.`;
  return message;
}

export function createPaneApi(
  token: (fresh?: boolean) => Promise<string>,
  base = '',
  fetcher: typeof fetch = (...args) => fetch(...args),
): PaneApi {
  async function call<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    let response: Response;
    try {
      response = await fetcher(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await token(retried)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      if (error instanceof PaneError) throw error;
      throw new PaneError(
        "Can't reach the Liaison server. Check your connection, then try again.",
        0,
        'network',
      );
    }
    if (response.status === 401 && !retried) return call(method, path, body, true);
    const payload = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    if (!response.ok) {
      const code = payload.error ?? 'error';
      throw new PaneError(
        advice(response.status, code, payload.message ?? response.statusText),
        response.status,
        code,
      );
    }
    return payload as T;
  }

  return {
    sidebar: (message) => call('POST', '/api/sidebar', { message }),
    save: (request) => call('POST', '/api/save', request),
    addLinks: (request) => call('POST', '/api/save/links', request),
    createRecord: (request) => call('POST', '/api/records', request),
    contactDetails: (request) => call('POST', '/api/records/details', request),
    doNotSync: (address) => call('POST', '/api/blacklist', { entries: address }),
    meeting: (request) => call('POST', '/api/sidebar/meeting', request),
    saveMeeting: (request) => call('POST', '/api/save/meeting', request),
    draft: (draft) => call('POST', '/api/sidebar/compose', draft),
    saveWhenSent: (request) => call('POST', '/api/save/when-sent', request),
  };
}
