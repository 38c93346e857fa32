import { Button, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { Notice, type NoticeValue } from '../ui/notice';
import { EmptyState } from '../ui/states';

// Add and remove blacklist entries (a user's own list, or the admin's corporate one). A paste may hold many entries;
// the good ones are kept, and the bad ones stay in the box with a message each so they can be corrected.

export interface AddOutcome {
  added: string[];
  errors: { input: string; message: string }[];
  entries: string[];
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  box: { width: '100%' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  entry: { overflowWrap: 'anywhere' },
});

export function BlacklistEditor({
  entries,
  label,
  onAdd,
  onRemove,
}: {
  entries: string[];
  label: string;
  onAdd(text: string): Promise<AddOutcome>;
  onRemove(entry: string): Promise<string[]>;
}) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [list, setList] = useState(entries);
  const [errors, setErrors] = useState<AddOutcome['errors']>([]);
  const [notice, setNotice] = useState<NoticeValue>();

  const add = async () => {
    setBusy(true);
    setNotice(undefined);
    try {
      const outcome = await onAdd(text);
      setList(outcome.entries);
      setErrors(outcome.errors);
      setText(outcome.errors.map((e) => e.input).join(', '));
      if (outcome.added.length > 0)
        setNotice({
          intent: 'success',
          title: `Added ${outcome.added.length}`,
          text: `${outcome.added.join(', ')}. Applies from the next sync, within a minute.`,
        });
      else if (outcome.errors.length === 0)
        setNotice({ intent: 'info', title: 'Already on the list', text: 'Nothing new to add.' });
    } catch (error) {
      setErrors([]);
      setNotice({ intent: 'error', title: 'Not added', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (entry: string) => {
    setBusy(true);
    try {
      setList(await onRemove(entry));
      setNotice({
        intent: 'success',
        title: `Removed ${entry}`,
        text: 'Applies from the next sync, within a minute. Emails already saved stay saved.',
      });
    } catch (error) {
      setNotice({ intent: 'error', title: `Could not remove ${entry}`, text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const errorText = errors.map((e) => `${e.input}: ${e.message}`).join(' ');
  return (
    <div className={styles.root}>
      <div className={styles.form}>
        <Field
          className={styles.box}
          label={label}
          hint="Separate entries with commas, spaces or new lines. A domain (acme.com) covers all of its addresses; wildcards (*) are not needed."
          validationState={errors.length > 0 ? 'error' : 'none'}
          validationMessage={
            errors.length > 0
              ? `${errors.length === 1 ? 'One entry was' : `${errors.length} entries were`} not added. ${errorText}`
              : undefined
          }
        >
          <Textarea
            value={text}
            resize="vertical"
            onChange={(_, data) => setText(data.value)}
            placeholder="news@vendor.com, partner.org"
          />
        </Field>
        <Button appearance="primary" disabled={busy || text.trim() === ''} onClick={() => void add()}>
          Add to the blacklist
        </Button>
      </div>
      <Notice notice={notice} />
      {list.length === 0 ? (
        <EmptyState title="Nothing blacklisted yet">
          Emails with these addresses or domains will never be saved.
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-label="Blacklisted">
          {list.map((entry) => (
            <li key={entry} className={styles.item}>
              <Text className={styles.entry}>{entry}</Text>
              <Button
                size="small"
                disabled={busy}
                aria-label={`Remove ${entry}`}
                onClick={() => void remove(entry)}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
