import type { AddonResponse, CardButton, CardModel, Widget } from '../card-model/card-types';
import { FUNCTION_NAMES } from './function-names';
import { appsScript, type Builder } from './globals';

// The card model as CardService cards: the one place that knows CardService's builders.

function button(b: CardButton): Builder {
  const { CardService } = appsScript();
  const action = CardService.newAction().setFunctionName(FUNCTION_NAMES[b.action.name]);
  if (b.action.parameters) action.setParameters(b.action.parameters);
  const built = CardService.newTextButton().setText(b.text).setOnClickAction(action);
  if (b.filled) built.setTextButtonStyle(CardService.TextButtonStyle.FILLED);
  return built;
}

function widget(w: Widget): Builder {
  const { CardService } = appsScript();
  switch (w.kind) {
    case 'text':
      return CardService.newTextParagraph().setText(w.text);
    case 'decorated': {
      const d = CardService.newDecoratedText().setText(w.text).setWrapText(true);
      if (w.topLabel) d.setTopLabel(w.topLabel);
      if (w.bottomLabel) d.setBottomLabel(w.bottomLabel);
      if (w.button) d.setButton(button(w.button));
      // A record opens in the CRM in a new tab (FULL_SIZE), never inside the add-on.
      if (w.openLink)
        d.setOpenLink(CardService.newOpenLink().setUrl(w.openLink).setOpenAs(CardService.OpenAs.FULL_SIZE));
      return d;
    }
    case 'buttons': {
      const set = CardService.newButtonSet();
      for (const b of w.buttons) set.addButton(button(b));
      return set;
    }
    case 'checkboxes':
    case 'dropdown': {
      const input = CardService.newSelectionInput()
        .setType(
          w.kind === 'checkboxes'
            ? CardService.SelectionInputType.CHECK_BOX
            : CardService.SelectionInputType.DROPDOWN,
        )
        .setFieldName(w.name)
        .setTitle(w.label);
      for (const item of w.items) input.addItem(item.text, item.value, item.selected);
      return input;
    }
    case 'switch':
      return CardService.newDecoratedText()
        .setText(w.label)
        .setWrapText(true)
        .setSwitchControl(
          CardService.newSwitch().setFieldName(w.name).setValue(w.value).setSelected(w.selected),
        );
    case 'input': {
      const input = CardService.newTextInput().setFieldName(w.name).setTitle(w.label).setValue(w.value);
      return w.hint ? input.setHint(w.hint) : input;
    }
    case 'divider':
      return CardService.newDivider();
  }
}

export function renderCard(card: CardModel): Builder {
  const { CardService } = appsScript();
  const header = CardService.newCardHeader().setTitle(card.header.title);
  if (card.header.subtitle) header.setSubtitle(card.header.subtitle);
  const builder = CardService.newCardBuilder().setName(card.name).setHeader(header);
  for (const s of card.sections) {
    const section = CardService.newCardSection();
    if (s.header) section.setHeader(s.header);
    if (s.collapsible) section.setCollapsible(true).setNumUncollapsibleWidgets(s.collapsible.uncollapsible);
    for (const w of s.widgets) section.addWidget(widget(w));
    builder.addSection(section);
  }
  if (card.footer) builder.setFixedFooter(CardService.newFixedFooter().setPrimaryButton(button(card.footer)));
  return builder.build();
}

/** A trigger returns its cards; an action returns an ActionResponse that pushes or replaces a card. */
export function renderResponse(response: AddonResponse): Builder | Builder[] {
  const { CardService } = appsScript();
  const card = renderCard(response.card);
  if (response.navigation === 'root') return [card];
  const navigation =
    response.navigation === 'push'
      ? CardService.newNavigation().pushCard(card)
      : response.navigation === 'back'
        ? CardService.newNavigation().popToRoot().updateCard(card)
        : CardService.newNavigation().updateCard(card);
  const builder = CardService.newActionResponseBuilder().setNavigation(navigation);
  if (response.notification)
    builder.setNotification(CardService.newNotification().setText(response.notification));
  return builder.build();
}
