import { Checkbox, Field, Link, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import { recordKey as key } from '../../../src/sidebar/record-key';
import type { RecordRef } from '../../../src/types';
import { useFormStyles } from './form-styles';

// What every pick form of the pane shares (Save an email or a meeting, Add links, Save when sent): the contacts and
// leads to tick and one opportunity or account, kept as record keys and handed back as the refs the server takes.

export interface Choice {
  ref: RecordRef;
  name: string;
}

export function usePicks(initial: { who?: string[]; what?: string | undefined }) {
  const [who, setWho] = useState<Set<string>>(() => new Set(initial.who ?? []));
  const [what, setWhat] = useState(initial.what ?? 'none');
  const toggle = (k: string, on: boolean) => {
    const next = new Set(who);
    if (on) next.add(k);
    else next.delete(k);
    setWho(next);
  };
  /** The ticked people and the picked record, as refs, among what the form offers. */
  const chosen = (people: Choice[], whats: Choice[]): { who: RecordRef[]; what?: RecordRef } => {
    const whatRef = whats.find((w) => key(w.ref) === what)?.ref;
    return {
      who: people.filter((p) => who.has(key(p.ref))).map((p) => p.ref),
      ...(whatRef ? { what: whatRef } : {}),
    };
  };
  return { who, what, toggle, setWhat, chosen };
}

export type Picks = ReturnType<typeof usePicks>;

export function RecordPicks({
  picks,
  people,
  whats,
  legend = 'Link to contacts and leads',
  nobody,
  noneLabel = 'Nothing else',
  whatHint,
  whatsWhenEmpty = true,
  urlOf,
}: {
  picks: Picks;
  people: Choice[];
  whats: Choice[];
  legend?: string;
  /** Said in place of the people when there is nobody to tick. */
  nobody: string;
  noneLabel?: string;
  whatHint?: string | undefined;
  /** Show "Related to" even when there is nothing to pick (with `whatHint` saying why). */
  whatsWhenEmpty?: boolean;
  /** A record's page in the CRM, when the view knows it: an Open link beside its choice. */
  urlOf?: (ref: RecordRef) => string | undefined;
}) {
  const styles = useFormStyles();
  const open = (c: Choice) => {
    const url = urlOf?.(c.ref);
    return (
      url && (
        <Link href={url} target="_blank" rel="noreferrer" aria-label={`Open ${c.name} in the CRM`}>
          Open
        </Link>
      )
    );
  };
  return (
    <>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>{legend}</legend>
        {people.length === 0 && nobody}
        {people.map((p) => (
          <div key={key(p.ref)} className={styles.choice}>
            <Checkbox
              label={`${p.name} (${p.ref.kind})`}
              checked={picks.who.has(key(p.ref))}
              onChange={(_, data) => picks.toggle(key(p.ref), data.checked === true)}
            />
            {open(p)}
          </div>
        ))}
      </fieldset>
      {(whatsWhenEmpty || whats.length > 0) && (
        <Field label="Related to" {...(whatHint ? { hint: whatHint } : {})}>
          {whats.length > 0 && (
            <RadioGroup value={picks.what} onChange={(_, data) => picks.setWhat(data.value)}>
              <Radio value="none" label={noneLabel} />
              {whats.map((w) => (
                <div key={key(w.ref)} className={styles.choice}>
                  <Radio
                    value={key(w.ref)}
                    label={`${w.name} (${w.ref.kind === 'opportunity' ? 'opportunity' : 'account'})`}
                  />
                  {open(w)}
                </div>
              ))}
            </RadioGroup>
          )}
        </Field>
      )}
    </>
  );
}

/** "Auto-save all next emails in this thread", where a form offers it. */
export function AutosaveTick({ checked, onChange }: { checked: boolean; onChange(on: boolean): void }) {
  return (
    <Checkbox
      label="Auto-save all next emails in this thread"
      checked={checked}
      onChange={(_, data) => onChange(data.checked === true)}
    />
  );
}
