// A mail provider: everything Liaison does with one kind of mailbox (its MailSource, sign-in, push, disconnect,
// routes of its own), behind this one interface. The rest of the server reaches providers only through the
// registry (registry.ts), so adding one is a new folder and one line there.
import type { Kysely } from 'kysely';
import type { CalendarEvent, MailMessage } from '../../src';
import type { RouteContext } from '../api/route-context';
import type { ServerConfig } from '../config';
import type { Database } from '../db/database-types';
import type { Mailbox, MailboxKind } from '../db/mailboxes-repo';
import type { MailboxStoreDeps, VerifiedMailbox } from '../services/mailbox-store';
import type { CalendarChange, CalendarSource } from './calendar-source';
import type { IcsWindow } from './ics-read';
import type { MailSource } from './mail-source';

/** What a provider's sign-in, disconnect and routes work with (the server's deps). */
export interface ProviderDeps extends MailboxStoreDeps {
  config: ServerConfig;
  now: () => Date;
}

/** What the sync engine gives a provider to build a stored mailbox's source. */
export interface SourceRequest<O> {
  mailbox: Mailbox;
  /** The mailbox's secret, opened; throws MailSourceError `auth` when it cannot be. */
  secret(): Record<string, unknown>;
  /** Stores a rotated secret (msal's token cache) sealed again. */
  onSecretChange?: (secret: Record<string, unknown>) => Promise<void>;
  /** The engine's source options; the provider reads its own part (`O`). */
  options: O;
}

/** Where a provider's part of the engine's source options comes from. */
export interface SourceOptionsContext {
  config: ServerConfig;
  /** Where push stores its subscriptions and watches (mailbox_push), read when a source is built. */
  db: Kysely<Database>;
  log?: (line: string) => void;
}

/** OAuth 2.0 sign-in (authorisation code with PKCE; the state and verifier are kept by services/oauth-states.ts). */
export interface OAuthSignIn {
  /** Where the provider sends the browser back: register it as the redirect URI. */
  callbackPath: string;
  /** Whether this server has an OAuth client for the provider (from its configuration). */
  configured(config: ServerConfig): boolean;
  /** The provider's sign-in URL (only when configured). */
  signInUrl(config: ServerConfig, state: string, codeChallenge: string, loginHint?: string): Promise<string>;
  /** Redeems the code and reads the mailbox once: what to store. Fails with a MailSourceError. */
  redeem(config: ServerConfig, code: string, codeVerifier: string, now: () => Date): Promise<VerifiedMailbox>;
}

/** `npm start`'s demo mailbox, for a provider that can offer one with no account anywhere. */
export interface DemoMailbox {
  /** Connects the demo mailbox for the demo admin (once); undefined when there is no demo admin. */
  connect(db: Kysely<Database>, dataDir: string): Promise<Mailbox | undefined>;
  /** Delivers the demo emails into it shortly after start, once per data folder. */
  schedule(dataDir: string): void;
}

/** One email a face has open, read with the face's own short-lived tokens (the Gmail add-on's). */
export interface OpenMessageRequest {
  apiUrl: string;
  messageId: string;
  accessToken: string;
  userOAuthToken: string;
  /** The whole message (saving) rather than its header block (the card opening). */
  withContent: boolean;
}

/** `O`: the provider's part of the engine's source options (its OAuth client, push settings). */
export interface Provider<O extends object = object> {
  /** Its folder under server/providers/. */
  id: string;
  /** The mailboxes' `kind` it reads. */
  kind: MailboxKind;
  /** In words, for people ("Microsoft 365"). */
  label: string;
  /** A stored mailbox's MailSource. */
  mailSource(request: SourceRequest<O>): MailSource | Promise<MailSource>;
  /** Its part of the engine's source options, from the server's configuration. */
  sourceOptions?(context: SourceOptionsContext): O;
  oauth?: OAuthSignIn;
  /** Before the mailbox row goes: revoke, unsubscribe, stop a watch, at the provider, best effort. */
  disconnect?(deps: ProviderDeps, mailbox: Mailbox): Promise<void>;
  /** Routes of its own (connect checks, change notifications), registered with everyone else's. */
  routes?(context: RouteContext): void;
  /** The emails of a mailbox the preview pages offer, read directly (a local Maildir). */
  previewMessages?(mailbox: Mailbox): Promise<MailMessage[]>;
  /**
   * The preview's Send (issue 18): files an RFC 5322 sent copy in the mailbox's Sent folder, as a mail server would,
   * for a mailbox the server can write to (a local Maildir). Nothing is sent to anyone.
   */
  previewSend?(mailbox: Mailbox, rawMessage: string): Promise<void>;
  /** The mailbox's calendar events in the window, read directly, for the preview (as `previewMessages`). */
  previewEvents?(mailbox: Mailbox, window: IcsWindow): Promise<CalendarChange[]>;
  demo?: DemoMailbox;
  /** One email a face has open (the Gmail add-on reads it this way). */
  readOpenMessage?(request: OpenMessageRequest): Promise<MailMessage>;
  /** The mailbox's calendar, where the provider has one (IMAP and Maildir: the invitations in the mailbox). */
  calendarSource?(request: SourceRequest<O>): CalendarSource | Promise<CalendarSource>;
  /**
   * One event of the mailbox's calendar by the provider's id, read with the mailbox's own grant, as its calendar
   * source maps it (the Google Calendar add-on names the open event by id only). Undefined when there is none.
   */
  readEvent?(
    request: SourceRequest<O>,
    calendarId: string,
    eventId: string,
  ): Promise<CalendarEvent | undefined>;
}
