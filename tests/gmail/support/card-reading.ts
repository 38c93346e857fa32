import type { Recorded } from './apps-script-stand-ins';

// Reading the recorded CardService output in tests: the card a trigger or action shows, its words and buttons.

export type Card = Recorded & {
  name: string;
  header: { title: string; subtitle?: string };
  sections: (Recorded & { header?: string; widgets: Recorded[] })[];
  fixedFooter?: { primaryButton: Recorded };
};

/** The card shown: a trigger's first card, or the card an ActionResponse pushes or updates. */
export function shownCard(result: unknown): Card {
  if (Array.isArray(result)) return result[0] as Card;
  const response = result as { type: string; navigation?: { steps: unknown[] } };
  if (response.type !== 'ActionResponse') throw new Error(`not a card response: ${JSON.stringify(result)}`);
  const last = response.navigation?.steps.at(-1) as { pushCard?: Card; updateCard?: Card };
  const card = last.pushCard ?? last.updateCard;
  if (!card) throw new Error('the response shows no card');
  return card;
}

export function navigation(result: unknown): unknown[] {
  return ((result as { navigation?: { steps: unknown[] } }).navigation?.steps ?? []).map((s) =>
    typeof s === 'string' ? s : Object.keys(s as object)[0],
  );
}

export function notification(result: unknown): string | undefined {
  return (result as { notification?: { text: string } }).notification?.text;
}

function widgetsOf(card: Card): Recorded[] {
  return card.sections.flatMap((s) => s.widgets);
}

/** Every piece of text on the card, in order (paragraphs, labels, item texts). */
export function words(card: Card): string[] {
  const out: string[] = [card.header.title, ...(card.header.subtitle ? [card.header.subtitle] : [])];
  for (const s of card.sections) {
    if (s.header) out.push(s.header);
    for (const w of s.widgets) {
      for (const key of ['topLabel', 'text', 'bottomLabel', 'title'] as const)
        if (typeof w[key] === 'string') out.push(w[key] as string);
      for (const item of (w.items as { text: string }[] | undefined) ?? []) out.push(item.text);
    }
  }
  return out;
}

export interface ButtonSeen {
  text: string;
  fn: string;
  parameters?: Record<string, string>;
}

function buttonOf(b: Recorded): ButtonSeen {
  const action = b.onClickAction as { functionName: string; parameters?: Record<string, string> };
  return {
    text: b.text as string,
    fn: action.functionName,
    ...(action.parameters ? { parameters: action.parameters } : {}),
  };
}

export function buttons(card: Card): ButtonSeen[] {
  const out: ButtonSeen[] = [];
  for (const w of widgetsOf(card)) {
    if (w.type === 'ButtonSet') out.push(...(w.buttons as Recorded[]).map(buttonOf));
    if (w.type === 'DecoratedText' && w.button) out.push(buttonOf(w.button as Recorded));
  }
  if (card.fixedFooter) out.push(buttonOf(card.fixedFooter.primaryButton));
  return out;
}

export function inputs(card: Card): Recorded[] {
  return widgetsOf(card).flatMap((w) =>
    w.type === 'DecoratedText' && w.switchControl
      ? [w.switchControl as Recorded]
      : w.type.endsWith('Input')
        ? [w]
        : [],
  );
}
