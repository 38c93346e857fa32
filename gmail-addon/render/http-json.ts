import type { AddonResponse, CardButton, CardModel, Widget } from '../card-model/card-types';
import type { ActionName } from '../card-model/card-types';

// The card model as the Google Workspace add-ons HTTP runtime's JSON (Card v1 and RenderActions), for the server's
// /gmail endpoints: an action's `function` is the URL the runtime posts the next event to.

type Json = Record<string, unknown>;

function button(b: CardButton, url: (name: ActionName) => string): Json {
  const parameters = Object.entries(b.action.parameters ?? {}).map(([key, value]) => ({ key, value }));
  return {
    text: b.text,
    ...(b.filled ? { type: 'FILLED' } : {}),
    onClick: { action: { function: url(b.action.name), ...(parameters.length > 0 ? { parameters } : {}) } },
  };
}

function widget(w: Widget, url: (name: ActionName) => string): Json {
  switch (w.kind) {
    case 'text':
      return { textParagraph: { text: w.text } };
    case 'decorated':
      return {
        decoratedText: {
          ...(w.topLabel ? { topLabel: w.topLabel } : {}),
          text: w.text,
          ...(w.bottomLabel ? { bottomLabel: w.bottomLabel } : {}),
          wrapText: true,
          ...(w.button ? { button: button(w.button, url) } : {}),
          // A record opens in the CRM in a new tab (FULL_SIZE), never inside the add-on.
          ...(w.openLink ? { onClick: { openLink: { url: w.openLink, openAs: 'FULL_SIZE' } } } : {}),
        },
      };
    case 'buttons':
      return { buttonList: { buttons: w.buttons.map((b) => button(b, url)) } };
    case 'checkboxes':
    case 'dropdown':
      return {
        selectionInput: {
          name: w.name,
          label: w.label,
          type: w.kind === 'checkboxes' ? 'CHECK_BOX' : 'DROPDOWN',
          items: w.items.map((i) => ({ text: i.text, value: i.value, selected: i.selected })),
        },
      };
    case 'switch':
      return {
        decoratedText: {
          text: w.label,
          wrapText: true,
          switchControl: { name: w.name, value: w.value, selected: w.selected, controlType: 'SWITCH' },
        },
      };
    case 'input':
      return {
        textInput: { name: w.name, label: w.label, value: w.value, ...(w.hint ? { hintText: w.hint } : {}) },
      };
    case 'divider':
      return { divider: {} };
  }
}

export function cardJson(card: CardModel, url: (name: ActionName) => string): Json {
  return {
    name: card.name,
    header: { title: card.header.title, ...(card.header.subtitle ? { subtitle: card.header.subtitle } : {}) },
    sections: card.sections.map((s) => ({
      ...(s.header ? { header: s.header } : {}),
      ...(s.collapsible ? { collapsible: true, uncollapsibleWidgetsCount: s.collapsible.uncollapsible } : {}),
      widgets: s.widgets.map((w) => widget(w, url)),
    })),
    ...(card.footer ? { fixedFooter: { primaryButton: button(card.footer, url) } } : {}),
  };
}

/** A trigger's answer (homepage, message open) pushes the first card; an action's answer is a RenderActions. */
export function responseJson(response: AddonResponse, url: (name: ActionName) => string): Json {
  const card = cardJson(response.card, url);
  if (response.navigation === 'root') return { action: { navigations: [{ pushCard: card }] } };
  const navigations =
    response.navigation === 'push'
      ? [{ pushCard: card }]
      : response.navigation === 'back'
        ? [{ popToRoot: true }, { updateCard: card }]
        : [{ updateCard: card }];
  return {
    renderActions: {
      action: {
        navigations,
        ...(response.notification ? { notification: { text: response.notification } } : {}),
      },
    },
  };
}
