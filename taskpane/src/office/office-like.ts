// The part of office-js the pane uses, typed structurally so that three things fit it: Outlook's real `Office`,
// the preview's stand-in (taskpane/src/preview/) and office-addin-mock in the unit tests.

export interface AddressDetails {
  emailAddress: string;
  displayName?: string;
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
