// Stand-ins for the Apps Script services the Gmail add-on calls, for running appsscript/Code.js in Node's vm. They
// record what is built as plain data (a Card is `{ type: 'Card', name, header, sections, … }`) and accept only the
// methods the real CardService builders have, so a call that would fail in Apps Script fails here too.

export interface Recorded {
  type: string;
  [key: string]: unknown;
}

/** The real builders' methods (CardService reference), by the type they build. */
const METHODS: Record<string, string[]> = {
  Card: [
    'setName',
    'setHeader',
    'addSection',
    'setFixedFooter',
    'setDisplayStyle',
    'setPeekCardHeader',
    'build',
  ],
  CardHeader: ['setTitle', 'setSubtitle', 'setImageUrl', 'setImageStyle', 'setImageAltText'],
  CardSection: ['setHeader', 'addWidget', 'setCollapsible', 'setNumUncollapsibleWidgets'],
  TextParagraph: ['setText', 'setMaxLines'],
  DecoratedText: [
    'setText',
    'setTopLabel',
    'setBottomLabel',
    'setWrapText',
    'setButton',
    'setSwitchControl',
    'setOpenLink',
    'setOnClickAction',
    'setStartIcon',
    'setEndIcon',
  ],
  ButtonSet: ['addButton'],
  TextButton: [
    'setText',
    'setOnClickAction',
    'setTextButtonStyle',
    'setOpenLink',
    'setDisabled',
    'setAltText',
  ],
  Action: ['setFunctionName', 'setParameters', 'setLoadIndicator'],
  OpenLink: ['setUrl', 'setOpenAs', 'setOnClose'],
  SelectionInput: ['setType', 'setFieldName', 'setTitle', 'addItem', 'setOnChangeAction'],
  Switch: ['setFieldName', 'setValue', 'setSelected', 'setOnChangeAction', 'setControlType'],
  TextInput: [
    'setFieldName',
    'setTitle',
    'setValue',
    'setHint',
    'setMultiline',
    'setOnChangeAction',
    'setSuggestions',
    'setSuggestionsAction',
  ],
  Divider: [],
  FixedFooter: ['setPrimaryButton', 'setSecondaryButton'],
  Navigation: ['pushCard', 'updateCard', 'popCard', 'popToRoot', 'popToNamedCard'],
  Notification: ['setText'],
  ActionResponse: ['setNavigation', 'setNotification', 'setOpenLink', 'setStateChanged', 'build'],
};

function keyOf(method: string): string {
  if (method === 'setType') return 'inputType'; // `type` names the builder in the record
  const rest = method.replace(/^(set|add)/, '');
  const key = rest.charAt(0).toLowerCase() + rest.slice(1);
  return method.startsWith('add') ? `${key}s` : key;
}

/** Each builder's record, so what is passed to another builder is stored as plain data. */
const records = new WeakMap<object, Recorded>();
const unwrap = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? (records.get(value) ?? value) : value;

function builder(type: string): Recorded {
  const record: Recorded = { type };
  const allowed = new Set(METHODS[type]);
  const proxy: Recorded = new Proxy(record, {
    get(target, property) {
      if (typeof property !== 'string') return undefined;
      if (!allowed.has(property)) {
        if (property in target) return target[property];
        throw new TypeError(`CardService ${type} has no method ${property}`);
      }
      return (...raw: unknown[]) => {
        const args = raw.map(unwrap);
        if (property === 'build') {
          if (type === 'Card' && !Array.isArray(record.sections))
            throw new Error('Card must have at least one section');
          return record;
        }
        if (type === 'Navigation') {
          ((record.steps as unknown[]) ??= []).push(
            property === 'popToRoot' || property === 'popCard' ? property : { [property]: args[0] },
          );
          return proxy;
        }
        if (property === 'setParameters') {
          const params = args[0] as Record<string, unknown>;
          for (const [k, v] of Object.entries(params))
            if (typeof v !== 'string') throw new TypeError(`Action parameter ${k} must be a string`);
        }
        if (property === 'addItem') {
          ((record.items as unknown[]) ??= []).push({ text: args[0], value: args[1], selected: args[2] });
          return proxy;
        }
        const key = keyOf(property);
        if (property.startsWith('add')) ((record[key] as unknown[]) ??= []).push(args[0]);
        else record[key] = args[0];
        return proxy;
      };
    },
  });
  records.set(proxy, record);
  return proxy;
}

/** Unwraps proxies into plain data, for posting out of the worker. */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

export function cardService() {
  const make = (type: string) => () => builder(type);
  return {
    newCardBuilder: make('Card'),
    newCardHeader: make('CardHeader'),
    newCardSection: make('CardSection'),
    newTextParagraph: make('TextParagraph'),
    newDecoratedText: make('DecoratedText'),
    newButtonSet: make('ButtonSet'),
    newTextButton: make('TextButton'),
    newAction: make('Action'),
    newOpenLink: make('OpenLink'),
    newSelectionInput: make('SelectionInput'),
    newSwitch: make('Switch'),
    newTextInput: make('TextInput'),
    newDivider: make('Divider'),
    newFixedFooter: make('FixedFooter'),
    newNavigation: make('Navigation'),
    newNotification: make('Notification'),
    newActionResponseBuilder: make('ActionResponse'),
    SelectionInputType: { CHECK_BOX: 'CHECK_BOX', DROPDOWN: 'DROPDOWN', RADIO_BUTTON: 'RADIO_BUTTON' },
    TextButtonStyle: { FILLED: 'FILLED', TEXT: 'TEXT' },
    OpenAs: { FULL_SIZE: 'FULL_SIZE', OVERLAY: 'OVERLAY' },
  };
}

/** A Gmail message as the stand-in GmailApp serves it. */
export interface FakeMessage {
  id: string;
  threadId: string;
  from: string;
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  date: string;
  headers: Record<string, string>;
  body?: string;
  inInbox?: boolean;
}

/** GmailApp: the current message is readable only after setCurrentMessageAccessToken with its token, as in Gmail. */
export function gmailApp(messages: Map<string, FakeMessage>, accessToken: string) {
  let granted: string | undefined;
  return {
    setCurrentMessageAccessToken(token: string) {
      granted = token;
    },
    getMessageById(id: string) {
      if (granted !== accessToken)
        throw new Error('Access denied: the current message access token is missing');
      const m = messages.get(id);
      if (!m) throw new Error(`Invalid argument: ${id}`);
      return {
        getId: () => m.id,
        getFrom: () => m.from,
        getTo: () => m.to,
        getCc: () => m.cc ?? '',
        getBcc: () => m.bcc ?? '',
        getSubject: () => m.subject,
        getDate: () => new Date(m.date),
        getHeader: (name: string) =>
          Object.entries(m.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '',
        getPlainBody: () => m.body ?? '',
        getThread: () => ({ getId: () => m.threadId }),
        isDraft: () => false,
        isInTrash: () => false,
        isInInbox: () => m.inInbox ?? true,
        getAttachments: () => [],
      };
    },
  };
}
