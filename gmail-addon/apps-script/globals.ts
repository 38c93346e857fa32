// The Apps Script services the add-on uses, typed as far as it uses them. Reached through `globalThis` so these
// names stay out of the rest of the project's global scope (the server and the tests share one tsconfig).

/** The CardService builders' methods the renderer calls; each returns the builder (or, for build, the result). */
type BuilderMethod =
  | 'setName'
  | 'setHeader'
  | 'setTitle'
  | 'setSubtitle'
  | 'addSection'
  | 'setCollapsible'
  | 'setNumUncollapsibleWidgets'
  | 'addWidget'
  | 'setText'
  | 'setWrapText'
  | 'setTopLabel'
  | 'setBottomLabel'
  | 'setButton'
  | 'setOpenLink'
  | 'setUrl'
  | 'setOpenAs'
  | 'setHint'
  | 'addButton'
  | 'setFunctionName'
  | 'setParameters'
  | 'setOnClickAction'
  | 'setTextButtonStyle'
  | 'setType'
  | 'setFieldName'
  | 'addItem'
  | 'setSwitchControl'
  | 'setValue'
  | 'setSelected'
  | 'setFixedFooter'
  | 'setPrimaryButton'
  | 'pushCard'
  | 'popToRoot'
  | 'updateCard'
  | 'setNavigation'
  | 'setNotification'
  | 'build';
export type Builder = { [M in BuilderMethod]: (...args: unknown[]) => Builder };

export interface CardServiceApi {
  newCardBuilder(): Builder;
  newCardHeader(): Builder;
  newCardSection(): Builder;
  newTextParagraph(): Builder;
  newDecoratedText(): Builder;
  newButtonSet(): Builder;
  newTextButton(): Builder;
  newAction(): Builder;
  newOpenLink(): Builder;
  newSelectionInput(): Builder;
  newSwitch(): Builder;
  newTextInput(): Builder;
  newDivider(): Builder;
  newFixedFooter(): Builder;
  newNavigation(): Builder;
  newNotification(): Builder;
  newActionResponseBuilder(): Builder;
  SelectionInputType: { CHECK_BOX: unknown; DROPDOWN: unknown };
  TextButtonStyle: { FILLED: unknown; TEXT: unknown };
  OpenAs: { FULL_SIZE: unknown; OVERLAY: unknown };
}

export interface GmailMessageApi {
  getId(): string;
  getFrom(): string;
  getTo(): string;
  getCc(): string;
  getBcc(): string;
  getSubject(): string;
  getDate(): Date;
  getHeader(name: string): string;
  getPlainBody(): string;
  getThread(): { getId(): string };
  isDraft(): boolean;
  isInTrash(): boolean;
  isInInbox(): boolean;
  getAttachments(): {
    getName(): string;
    getSize(): number;
    getContentType(): string;
    getBytes(): number[];
  }[];
}

export interface HttpResponseApi {
  getResponseCode(): number;
  getContentText(): string;
}

export interface AppsScript {
  CardService: CardServiceApi;
  GmailApp: {
    setCurrentMessageAccessToken(token: string): void;
    getMessageById(id: string): GmailMessageApi;
  };
  UrlFetchApp: {
    fetch(
      url: string,
      params: {
        method: 'get' | 'post' | 'delete';
        contentType?: string;
        payload?: string;
        headers?: Record<string, string>;
        muteHttpExceptions: boolean;
      },
    ): HttpResponseApi;
  };
  Session: { getActiveUser(): { getEmail(): string } };
  ScriptApp: { getIdentityToken(): string };
  Utilities: { base64Encode(data: number[]): string };
}

export function appsScript(): AppsScript {
  return globalThis as unknown as AppsScript;
}

/** The event object Apps Script passes to triggers and actions (only the parts read here). */
export interface AddonEvent {
  /** An open message; or, in the compose trigger, the draft's thread (a reply) and its recipients (METADATA). */
  gmail?: {
    messageId?: string;
    accessToken?: string;
    threadId?: string;
    toRecipients?: string[];
    ccRecipients?: string[];
    bccRecipients?: string[];
  };
  /** Google Calendar's open event (eventOpenTrigger; with currentEventAccess READ it also lists the attendees). */
  calendar?: { id?: string; calendarId?: string; recurringEventId?: string };
  commonEventObject?: {
    parameters?: Record<string, string>;
    formInputs?: Record<string, { stringInputs?: { value?: string[] } }>;
  };
}
