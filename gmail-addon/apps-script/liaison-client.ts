import type {
  AddLinksRequest,
  CreateRecordRequest,
  GoogleOpenEvent,
  SaveGoogleMeetingRequest,
  SaveRequest,
  SaveWhenSentRequest,
  SaveWhenSentResponse,
} from '../../src/api';
import type { ContactDetailsRequest, ContactDetailsResponse } from '../../src/api/contact-details-api';
import type { FoundRecord } from '../card-model/card-types';
import type { MailMessage, MeetingView, RecordRef, SavedEmail, SavedMeeting, SidebarView } from '../../src';
import type { Outcome } from '../card-model/responses';
import { appsScript } from './globals';

// The server API over UrlFetchApp, signed with the user's Google identity token, which the server verifies
// (LIAISON_GOOGLE_CLIENT_ID names this script's OAuth client). Never throws: a failure comes back as data.

type Result<T> = Outcome<T>;

export class LiaisonClient {
  constructor(private readonly serverUrl: string) {}

  private call<T>(method: 'get' | 'post' | 'delete', path: string, body?: unknown): Result<T> {
    const { UrlFetchApp, ScriptApp } = appsScript();
    let status = 0;
    let text = '';
    try {
      const response = UrlFetchApp.fetch(`${this.serverUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${ScriptApp.getIdentityToken()}` },
        muteHttpExceptions: true,
        ...(body === undefined ? {} : { contentType: 'application/json', payload: JSON.stringify(body) }),
      });
      status = response.getResponseCode();
      text = response.getContentText();
    } catch (error) {
      return { ok: false, failure: { status: 0, error: 'unreachable', message: String(error) } };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (status >= 200 && status < 300 && json !== undefined) return { ok: true, value: json as T };
    const problem = (json ?? {}) as { error?: unknown; message?: unknown };
    return {
      ok: false,
      failure: {
        status,
        error: typeof problem.error === 'string' ? problem.error : 'http_error',
        message: typeof problem.message === 'string' ? problem.message : '',
      },
    };
  }

  sidebar(message: MailMessage): Result<SidebarView> {
    return this.call('post', '/api/sidebar', { message });
  }

  /** The open Calendar event's view; the server reads the event by its Google id. */
  meeting(calendar: GoogleOpenEvent): Result<MeetingView> {
    return this.call('post', '/api/sidebar/meeting/google', { calendar });
  }

  saveMeeting(request: SaveGoogleMeetingRequest): Result<{ saved: SavedMeeting; action: 'save' | 'update' }> {
    return this.call('post', '/api/save/meeting/google', request);
  }

  save(request: SaveRequest): Result<{ saved: SavedEmail; subscribed: boolean; attachments?: string }> {
    return this.call('post', '/api/save', request);
  }

  addLinks(request: AddLinksRequest): Result<{ saved: SavedEmail; subscribed: boolean }> {
    return this.call('post', '/api/save/links', request);
  }

  createRecord(request: CreateRecordRequest): Result<{ ref: RecordRef; created: boolean }> {
    return this.call('post', '/api/records', request);
  }

  /** Issue 19: what the sender's latest email says about them. */
  contactDetails(request: ContactDetailsRequest): Result<ContactDetailsResponse> {
    return this.call('post', '/api/records/details', request);
  }

  doNotSync(address: string): Result<{ added: string[] }> {
    return this.call('post', '/api/blacklist', { entries: address });
  }

  search(query: string): Result<{ hits: FoundRecord[] }> {
    return this.call('get', `/api/records/search?q=${encodeURIComponent(query)}`);
  }

  /** Thread auto-save off for the thread (its key as the view gives it). */
  autosaveOff(threadId: string): Result<unknown> {
    return this.call('delete', `/api/subscriptions/${encodeURIComponent(threadId)}`);
  }

  saveWhenSent(request: SaveWhenSentRequest): Result<SaveWhenSentResponse> {
    return this.call('post', '/api/save/when-sent', request);
  }
}
