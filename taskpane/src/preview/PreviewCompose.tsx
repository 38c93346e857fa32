import {
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ComposeStandIn, StandInDraft } from './stand-in-mailbox';

// The preview's compose mode (issue 18): a small form standing for Outlook's compose window. Typing recipients
// fires RecipientsChanged at the pane, the headers the pane sets on the draft are shown, and Send delivers the
// message with those headers into the rep's demo mailbox's Sent folder (POST /api/preview/send), where the sync
// finds it as Outlook's sent copy.

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    margin: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  headers: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

const ADDRESS = /^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$/;

/** "Jane Doe <jane@acme.com>, pat@globex.com" as recipients; what is not an address yet is left out. */
export function parseRecipients(text: string): StandInDraft['to'] {
  const list: StandInDraft['to'] = [];
  for (const part of text.split(/[,;]/)) {
    const named = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(part);
    const address = (named ? named[2]! : part).trim();
    if (!ADDRESS.test(address)) continue;
    const name = named?.[1]?.trim();
    list.push(name ? { address, name } : { address });
  }
  return list;
}

const same = (a: StandInDraft['to'], b: StandInDraft['to']) => JSON.stringify(a) === JSON.stringify(b);

export function PreviewCompose({
  draft,
  token,
}: {
  draft: ComposeStandIn;
  token(fresh?: boolean): Promise<string>;
}) {
  const styles = useStyles();
  const [to, setTo] = useState('');
  const [cc, setCc] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [headers, setHeaders] = useState(draft.headers());
  const [outcome, setOutcome] = useState<{ intent: 'success' | 'error'; text: string }>();
  const [sending, setSending] = useState(false);
  const last = useRef({ to: [] as StandInDraft['to'], cc: [] as StandInDraft['to'] });
  useEffect(() => draft.onHeaders(setHeaders), [draft]);

  const recipients = (field: 'to' | 'cc', text: string) => {
    (field === 'to' ? setTo : setCc)(text);
    const list = parseRecipients(text);
    // Outlook fires RecipientsChanged when a recipient is added or removed, not on every key.
    if (same(list, last.current[field])) return;
    last.current[field] = list;
    draft.setRecipients(field, list);
  };

  async function send() {
    setSending(true);
    setOutcome(undefined);
    try {
      const response = await fetch('/api/preview/send', {
        method: 'POST',
        headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ to: parseRecipients(to), cc: parseRecipients(cc), subject, body, headers }),
      });
      const answer = (await response.json().catch(() => ({}))) as { message?: string };
      if (!response.ok) throw new Error(answer.message ?? `${response.status} ${response.statusText}`);
      const carried = Object.keys(headers).length
        ? ` with ${Object.keys(headers).join(', ')}`
        : ' with no Liaison header';
      setOutcome({
        intent: 'success',
        text: `Sent: delivered into your mailbox's Sent folder${carried}. The sync reads it at its next run.`,
      });
    } catch (e) {
      setOutcome({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setSending(false);
    }
  }

  const shown = Object.entries(headers);
  return (
    <section className={styles.form} aria-label="New email" data-testid="preview-compose-form">
      <Field label="To">
        <Input value={to} onChange={(_, d) => recipients('to', d.value)} placeholder="name@company.com, …" />
      </Field>
      <Field label="Cc">
        <Input value={cc} onChange={(_, d) => recipients('cc', d.value)} />
      </Field>
      <Field label="Subject">
        <Input
          value={subject}
          onChange={(_, d) => {
            setSubject(d.value);
            draft.setSubject(d.value);
          }}
        />
      </Field>
      <Field label="Message">
        <Textarea value={body} onChange={(_, d) => setBody(d.value)} resize="vertical" />
      </Field>
      <Caption1 className={styles.headers} data-testid="preview-headers">
        {shown.length === 0
          ? 'Internet headers set by the pane: none.'
          : `Internet headers set by the pane: ${shown.map(([k, v]) => `${k}: ${v}`).join('; ')}`}
      </Caption1>
      {outcome && (
        <MessageBar layout="multiline" intent={outcome.intent} data-testid="preview-sent">
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button
          appearance="primary"
          onClick={() => void send()}
          disabled={sending || parseRecipients(to).length === 0}
        >
          {sending ? 'Sending…' : 'Send'}
        </Button>
      </div>
    </section>
  );
}
