// The part of office-js the pane uses, typed structurally so that three things fit it: Outlook's real `Office`,
// the preview's stand-in (taskpane/src/preview/) and office-addin-mock in the unit tests.

export interface AddressDetails {
  emailAddress: string;
  displayName?: string;
  /** An appointment's attendee: Office.MailboxEnums.ResponseType ('none', 'organizer', 'tentative', 'accepted', 'declined'). */
  appointmentResponse?: string;
  /** Office.MailboxEnums.RecipientType ('user', 'externalUser', 'distributionList', 'other'). */
  recipientType?: string;
}

export interface AsyncResult<T> {
  status: string; // 'succeeded' | 'failed'
  value: T;
  error?: { message: string };
}

export interface AttachmentLike {
  id?: string;
  name: string;
  size: number;
  contentType?: string;
  isInline?: boolean;
}

/** A message (or appointment) open in read mode. Appointments name their people differently. */
export interface ReadItemLike {
  itemType?: string; // 'message' | 'appointment'
  itemId?: string;
  internetMessageId?: string;
  conversationId?: string;
  subject?: string;
  dateTimeCreated?: Date | string;
  from?: AddressDetails;
  to?: AddressDetails[];
  cc?: AddressDetails[];
  organizer?: AddressDetails;
  requiredAttendees?: AddressDetails[];
  optionalAttendees?: AddressDetails[];
  start?: Date | string;
  /** An appointment's end, location and whole-day flag (read mode). */
  end?: Date | string;
  location?: string;
  isAllDayEvent?: boolean;
  /** Rooms and equipment booked for it, where the host names them apart from the attendees. */
  resources?: AddressDetails[];
  attachments?: AttachmentLike[];
  /** Mailbox 1.8: a file attachment's content as base64 (cloud attachments answer a URL, attached items .eml text). */
  getAttachmentContentAsync?(
    attachmentId: string,
    callback: (result: AsyncResult<{ format: string; content: string }>) => void,
  ): void;
  body?: {
    getAsync(coercionType: string, callback: (result: AsyncResult<string>) => void): void;
  };
  /** Mailbox 1.8, read mode: every internet header of the message as one RFC 5322 block. */
  getAllInternetHeadersAsync?(callback: (result: AsyncResult<string>) => void): void;
}

/** An Office dialog: the sign-in fallback reads one message from it. */
export interface DialogLike {
  addEventHandler(eventType: string, handler: (arg: { message: string } | { error: number }) => void): void;
  close(): void;
}

/** What OfficeThemeChanged hands its handler (Office.OfficeThemeChangedEventArgs). */
export interface ThemeChangedArgs {
  officeTheme?: { bodyBackgroundColor?: string };
}

export interface MailboxLike {
  item?: ReadItemLike | null;
  userProfile?: { emailAddress?: string; displayName?: string };
  addHandlerAsync?(
    eventType: string,
    handler: (args?: ThemeChangedArgs) => void,
    callback?: (result: AsyncResult<unknown>) => void,
  ): void;
  removeHandlerAsync?(eventType: string, callback?: (result: AsyncResult<unknown>) => void): void;
  /** Mailbox 1.3: an item's EWS id as its REST id (for an event, the Graph event id the calendar sync knows it by). */
  convertToRestId?(itemId: string, restVersion: string): string;
}

export interface OfficeLike {
  context: {
    mailbox: MailboxLike;
    officeTheme?: { bodyBackgroundColor?: string };
    requirements?: { isSetSupported(name: string, version?: string): boolean };
    ui?: {
      displayDialogAsync?(
        url: string,
        options: { height: number; width: number; promptBeforeOpen?: boolean },
        callback: (result: AsyncResult<DialogLike>) => void,
      ): void;
    };
  };
}

/** Office's enum values, spelled out so the stand-in and the mocks need no enums. */
export const ITEM_CHANGED = 'olkItemSelectedChanged';
/** Office.EventType.OfficeThemeChanged (Mailbox 1.14): the user switched Outlook's theme while the pane is open. */
export const OFFICE_THEME_CHANGED = 'officeThemeChanged';
export const TEXT = 'text';
export const SUCCEEDED = 'succeeded';
/** Office.MailboxEnums.AttachmentContentFormat.Base64 */
export const BASE64 = 'base64';
export const DIALOG_MESSAGE = 'dialogMessageReceived';
/** Office.MailboxEnums.RestVersion.v2_0 */
export const REST_V2 = 'v2.0';

/**
 * An appointment open in the organizer's form (compose mode): each field is read with getAsync. Typed apart from
 * ReadItemLike, whose fields are plain values; `isOrganizerForm` tells them apart.
 */
export interface AsyncField<T> {
  getAsync(callback: (result: AsyncResult<T>) => void): void;
}
export interface OrganizerItemLike {
  itemType?: string;
  itemId?: string;
  subject: AsyncField<string>;
  organizer?: AsyncField<AddressDetails>;
  requiredAttendees?: AsyncField<AddressDetails[]>;
  optionalAttendees?: AsyncField<AddressDetails[]>;
  start?: AsyncField<Date>;
  end?: AsyncField<Date>;
  location?: AsyncField<string>;
  /** Mailbox 1.8: the id of a saved item (a new one has none yet). */
  getItemIdAsync?(callback: (result: AsyncResult<string>) => void): void;
}

/** Office.EventType.RecipientsChanged (Mailbox 1.7): To, Cc or Bcc of the item being written changed. */
export const RECIPIENTS_CHANGED = 'olkRecipientsChanged';

/** item.internetHeaders (Mailbox 1.8, compose): the custom headers the sent message will carry. */
export interface InternetHeadersLike {
  getAsync(names: string[], callback: (result: AsyncResult<Record<string, string>>) => void): void;
  setAsync(headers: Record<string, string>, callback: (result: AsyncResult<unknown>) => void): void;
  removeAsync(names: string[], callback: (result: AsyncResult<unknown>) => void): void;
}

/** A message being written (compose mode): recipients and subject are read with getAsync. */
export interface ComposeItemLike {
  itemType?: string; // 'message'
  /** A reply's conversation; null or absent on a new message until it is saved. */
  conversationId?: string | null;
  subject: AsyncField<string>;
  to: AsyncField<AddressDetails[]>;
  cc?: AsyncField<AddressDetails[]>;
  bcc?: AsyncField<AddressDetails[]>;
  internetHeaders?: InternetHeadersLike;
  addHandlerAsync?(
    eventType: string,
    handler: (args?: unknown) => void,
    callback?: (result: AsyncResult<unknown>) => void,
  ): void;
  removeHandlerAsync?(eventType: string, callback?: (result: AsyncResult<unknown>) => void): void;
}
