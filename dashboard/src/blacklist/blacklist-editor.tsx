import {
  Button,
  Field,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { DangerButton } from '../ui/danger-button';
import { Notice, type NoticeValue } from '../ui/notice';
import { EmptyState } from '../ui/states';

// Add and remove blacklist entries (a user's own list, or the admin's corporate one). A paste may hold many entries;
// the good ones are kept, and the bad ones stay in the box with a message each so they can be corrected. Removing
// one is asked first: from then on that participant's emails can be saved to the CRM again.

export interface AddOutcome {
  added: string[];
  errors: { input: string; message: string }[];
  entries: string[];
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  box: { width: '100%' },
  entry: { overflowWrap: 'anywhere' },
  actionColumn: { width: '96px' },
});

export function BlacklistEditor({
  entries,
  label,
  everyone,
  onAdd,
  onRemove,
}: {
  entries: string[];
  label: string;
  /** The corporate list: what removing an entry does applies to every user. */
  everyone?: boolean;
  onAdd(text: string): Promise<AddOutcome>;
  onRemove(entry: string): Promise<string[]>;
}) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [list, setList] = useState(entries);
  const [errors, setErrors] = useState<AddOutcome['errors']>([]);
  const [notice, setNotice] = useState<NoticeValue>();
  const [removing, setRemoving] = useState<string>();

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
      setRemoving(undefined);
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
        <Table size="extra-small" aria-label="Blacklisted">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Address or domain</TableHeaderCell>
              <TableHeaderCell className={styles.actionColumn}>
                <span className="visually-hidden">Action</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((entry) => (
              <TableRow key={entry}>
                <TableCell>
                  <Text className={styles.entry}>{entry}</Text>
                </TableCell>
                <TableCell>
                  <DangerButton
                    size="small"
                    disabled={busy}
                    aria-label={`Remove ${entry}`}
                    onClick={() => setRemoving(entry)}
                  >
                    Remove
                  </DangerButton>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={removing !== undefined}
        title={`Remove ${removing ?? ''} from the blacklist?`}
        confirm="Remove"
        danger
        busy={busy}
        onConfirm={() => removing !== undefined && void remove(removing)}
        onCancel={() => setRemoving(undefined)}
      >
        From the next sync, within a minute, emails with {removing} can be saved to the CRM again
        {everyone ? ' for every user' : ''}, following {everyone ? 'each user’s' : 'your'} settings. Emails
        skipped before are not saved by this.
      </ConfirmDialog>
    </div>
  );
}
