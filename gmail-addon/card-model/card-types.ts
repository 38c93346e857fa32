// The card model: plain data describing what the Gmail add-on shows, in Gmail and in Google Calendar. Built from the
// core's SidebarView (an open email) or MeetingView (an open Calendar event), then
// rendered twice: with Apps Script's CardService (appsscript/Code.js) and as the Workspace add-ons HTTP runtime's
// JSON (server/gmail). Neither renderer decides anything; this model holds every word and button.

/** What a button or control asks for. Apps Script maps it to a top-level function, the HTTP runtime to a URL. */
export type ActionName =
  | 'refresh'
  | 'save'
  | 'addLinks'
  | 'openCreateForm'
  | 'createRecord'
  | 'doNotSync'
  | 'showTrace'
  | 'saveMeeting'
  | 'searchCrm'
  | 'autosaveOff'
  | 'saveWhenSent';

export interface CardAction {
  name: ActionName;
  parameters?: Record<string, string>;
}

export interface CardButton {
  text: string;
  action: CardAction;
  filled?: boolean;
}

export interface SelectionItem {
  text: string;
  value: string;
  selected: boolean;
}

export type Widget =
  | { kind: 'text'; text: string }
  | {
      kind: 'decorated';
      topLabel?: string;
      text: string;
      bottomLabel?: string;
      openLink?: string;
      button?: CardButton;
    }
  | { kind: 'buttons'; buttons: CardButton[] }
  | { kind: 'checkboxes' | 'dropdown'; name: string; label: string; items: SelectionItem[] }
  | { kind: 'switch'; name: string; label: string; value: string; selected: boolean }
  /** `hint`: a line under the input (where its value came from). */
  | { kind: 'input'; name: string; label: string; value: string; hint?: string }
  | { kind: 'divider' };

export interface CardSection {
  header?: string;
  /** Collapsed sections show their first `uncollapsible` widgets. */
  collapsible?: { uncollapsible: number };
  widgets: Widget[];
}

export interface CardModel {
  /** Stable name per kind of card ('sidebar', 'trace', …), so tests and navigation can tell them apart. */
  name: string;
  header: { title: string; subtitle?: string };
  sections: CardSection[];
  footer?: CardButton;
}

/** What an action returns: a card to show (first, pushed or in place of the current one) and a notification. */
export interface AddonResponse {
  /** root: a trigger's first card; back: pop to the first card and replace it (after a pushed form). */
  navigation: 'root' | 'push' | 'update' | 'back';
  card: CardModel;
  notification?: string;
}

/** The form fields of the save section, read back by `saveChoices`. */
export const FIELDS = {
  who: 'who',
  what: 'what',
  level: 'level',
  autosave: 'autosaveThread',
  firstName: 'firstName',
  lastName: 'lastName',
  company: 'company',
  title: 'title',
  phone: 'phone',
  mobilePhone: 'mobilePhone',
  query: 'query',
} as const;

/** A record found by "Search the CRM", kept on the card (in its buttons' parameters) until the rep saves. */
export interface FoundRecord {
  ref: { kind: 'contact' | 'lead' | 'account' | 'opportunity'; id: string };
  name: string;
  subtitle?: string;
  url?: string;
}

/** What the rep has picked and typed on a save form, read back from the event so a search keeps it. */
export interface FormPicks {
  who: string[];
  what: string;
  level: string;
  autosave: boolean;
  query: string;
  found: FoundRecord[];
}
