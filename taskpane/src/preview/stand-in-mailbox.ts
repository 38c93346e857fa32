import { deriveThreadId } from '../../../src/threads/derive-thread-id';
import type { CalendarAttendee, CalendarEvent } from '../../../src/events/event-types';
import type { MailMessage } from '../../../src/types';
import {
  ITEM_CHANGED,
  OFFICE_THEME_CHANGED,
  RECIPIENTS_CHANGED,
  SUCCEEDED,
  type AddressDetails,
  type AsyncField,
  type ComposeItemLike,
  type OfficeLike,
  type ReadItemLike,
  type ThemeChangedArgs,
} from '../office/office-like';

// A stand-in for Office.context.mailbox over a list of emails and meetings: the item looks like Outlook's read-mode
// message or appointment (the attendee's form: no iCalendar UID, only the item's id, which here is the provider's id
// of the event as the calendar sync read it),
// `select` fires ItemChanged the way a pinned pane sees it in Outlook, and `setTheme` fires OfficeThemeChanged.

const details = (a: { address: string; name?: string }): AddressDetails => ({
  emailAddress: a.address,
  displayName: a.name ?? a.address,
});

/** The message's header fields as the block Outlook's getAllInternetHeadersAsync returns. */
function headerBlock(message: MailMessage): string {
  const fields = Object.entries(message.headers ?? {}).filter(([name]) => name !== 'message-id');
  const lines = [
    `Message-ID: ${message.internetMessageId}`,
    ...fields.map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export function asOfficeItem(message: MailMessage): ReadItemLike {
  return {
    itemType: 'message',
    itemId: message.internetMessageId,
    internetMessageId: message.internetMessageId,
    // Outlook names every conversation; the stand-in's emails (a Maildir, the demo set) are named by their root.
    conversationId: message.threadId ?? deriveThreadId(message),
    subject: message.subject,
    dateTimeCreated: new Date(message.sentAt),
    from: details(message.from),
    to: message.to.map(details),
    cc: message.cc.map(details),
    attachments: (message.attachments ?? []).map((a) => ({ ...a, isInline: false })),
    body: {
      getAsync: (_type, callback) =>
        setTimeout(() => callback({ status: SUCCEEDED, value: message.bodyText ?? '' }), 0),
    },
    getAllInternetHeadersAsync: (callback) =>
      setTimeout(() => callback({ status: SUCCEEDED, value: headerBlock(message) }), 0),
  };
}

/** A meeting of the preview: the demo's event and the id its calendar knows it by. */
export interface PreviewMeeting {
  sourceId: string;
  event: CalendarEvent;
}

/** Office.MailboxEnums.ResponseType of an attendee's response. */
const RESPONSE: Record<CalendarAttendee['response'], string> = {
  accepted: 'accepted',
  tentative: 'tentative',
  declined: 'declined',
  none: 'none',
};

const attendees = (event: CalendarEvent, type: CalendarAttendee['type']): AddressDetails[] =>
  event.attendees
    .filter((a) => a.type === type)
    .map((a) => ({ ...details(a), appointmentResponse: RESPONSE[a.response] }));

export function asOfficeAppointment({ sourceId, event }: PreviewMeeting): ReadItemLike {
  return {
    itemType: 'appointment',
    itemId: sourceId,
    subject: event.subject,
    dateTimeCreated: new Date(event.updatedAt),
    organizer: details(event.organizer),
    requiredAttendees: attendees(event, 'required'),
    optionalAttendees: attendees(event, 'optional'),
    resources: attendees(event, 'resource'),
    start: new Date(event.start),
    end: new Date(event.end),
    isAllDayEvent: event.allDay,
    ...(event.location ? { location: event.location } : {}),
    attachments: [],
    body: {
      getAsync: (_type, callback) =>
        setTimeout(() => callback({ status: SUCCEEDED, value: event.description ?? '' }), 0),
    },
  };
}

const isMeeting = (item: MailMessage | PreviewMeeting): item is PreviewMeeting => 'event' in item;

/**
 * The stand-in is a current Outlook for the mailbox API (getAllInternetHeadersAsync and internetHeaders are 1.8),
 * and nothing else; `newest` 7 plays an older Outlook.
 */
const isSetSupportedUpTo =
  (newest: number) =>
  (name: string, version = '1.1'): boolean => {
    const [major, minor] = version.split('.').map(Number);
    return name === 'Mailbox' && major === 1 && (minor ?? 0) <= newest;
  };

/** An email being written in the preview: its fields as typed, and the internet headers the pane set on it. */
export interface StandInDraft {
  to: { address: string; name?: string }[];
  cc: { address: string; name?: string }[];
  subject: string;
}

export interface ComposeStandIn {
  item: ComposeItemLike;
  /** The rep typed recipients: RecipientsChanged fires for the fields that changed. */
  setRecipients(field: 'to' | 'cc', list: StandInDraft['to']): void;
  setSubject(subject: string): void;
  headers(): Record<string, string>;
  /** Calls `listener` whenever the pane sets or removes a header. */
  onHeaders(listener: (headers: Record<string, string>) => void): void;
}

/** Outlook's compose item over a draft the preview's form edits (answers come a tick later, as Outlook's do). */
export function composeStandIn(draft: StandInDraft = { to: [], cc: [], subject: '' }): ComposeStandIn {
  const fields = { ...draft, bcc: [] as StandInDraft['to'] };
  const headers: Record<string, string> = {};
  const handlers: ((args?: unknown) => void)[] = [];
  const headerListeners: ((h: Record<string, string>) => void)[] = [];
  const later = <T>(callback: (r: { status: string; value: T }) => void, value: T) =>
    setTimeout(() => callback({ status: SUCCEEDED, value }), 0);
  const field = <T>(read: () => T): AsyncField<T> => ({ getAsync: (callback) => later(callback, read()) });
  const changed = () => headerListeners.forEach((l) => l({ ...headers }));
  const item: ComposeItemLike = {
    itemType: 'message',
    subject: field(() => fields.subject),
    to: field(() => fields.to.map(details)),
    cc: field(() => fields.cc.map(details)),
    bcc: field(() => fields.bcc.map(details)),
    addHandlerAsync: (type, handler, callback) => {
      if (type === RECIPIENTS_CHANGED) handlers.push(handler);
      callback?.({ status: SUCCEEDED, value: undefined });
    },
    removeHandlerAsync: (type, callback) => {
      if (type === RECIPIENTS_CHANGED) handlers.length = 0;
      callback?.({ status: SUCCEEDED, value: undefined });
    },
    internetHeaders: {
      getAsync: (names, callback) =>
        later(callback, Object.fromEntries(names.filter((n) => n in headers).map((n) => [n, headers[n]!]))),
      setAsync: (set, callback) => {
        Object.assign(headers, set);
        changed();
        later(callback, undefined);
      },
      removeAsync: (names, callback) => {
        for (const n of names) delete headers[n];
        changed();
        later(callback, undefined);
      },
    },
  };
  return {
    item,
    setRecipients: (name, list) => {
      fields[name] = list;
      handlers.forEach((h) => h({ type: RECIPIENTS_CHANGED, changedRecipientFields: { [name]: true } }));
    },
    setSubject: (subject) => {
      fields.subject = subject;
    },
    headers: () => ({ ...headers }),
    onHeaders: (listener) => headerListeners.push(listener),
  };
}

export interface StandIn {
  office: OfficeLike;
  select(item: MailMessage | PreviewMeeting | ComposeStandIn | undefined): void;
  /** Switches the theme as Outlook does: officeTheme changes and OfficeThemeChanged fires. */
  setTheme(dark: boolean): void;
}

export function standInOffice(
  user: { emailAddress: string; displayName: string },
  dark: boolean,
  { mailboxMinor = 8 } = {},
): StandIn {
  const handlers: (() => void)[] = [];
  const themeHandlers: ((args: ThemeChangedArgs) => void)[] = [];
  const mailbox: OfficeLike['context']['mailbox'] = {
    item: null,
    userProfile: user,
    addHandlerAsync: (type, handler, callback) => {
      if (type === ITEM_CHANGED) handlers.push(handler);
      if (type === OFFICE_THEME_CHANGED) themeHandlers.push(handler);
      callback?.({ status: SUCCEEDED, value: undefined });
    },
    // The stand-in's item ids are the calendar's own already (Outlook's would be EWS ids, turned into Graph's).
    convertToRestId: (itemId) => itemId,
  };
  const theme = (isDark: boolean) => ({ bodyBackgroundColor: isDark ? '#1f1f1f' : '#ffffff' });
  const office: OfficeLike = {
    context: {
      mailbox,
      officeTheme: theme(dark),
      requirements: { isSetSupported: isSetSupportedUpTo(mailboxMinor) },
    },
  };
  return {
    office,
    select: (item) => {
      // The mailbox holds a read item or a compose item, as Outlook's does (typed for reading: the pane tells them apart).
      mailbox.item = !item
        ? null
        : 'item' in item
          ? (item.item as unknown as ReadItemLike)
          : isMeeting(item)
            ? asOfficeAppointment(item)
            : asOfficeItem(item);
      handlers.forEach((h) => h());
    },
    setTheme: (isDark) => {
      office.context.officeTheme = theme(isDark);
      themeHandlers.forEach((h) => h({ officeTheme: theme(isDark) }));
    },
  };
}
