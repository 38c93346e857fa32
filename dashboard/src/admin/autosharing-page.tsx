import { Badge, Button, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { api } from '../api/client';
import type { AutosharingResponse, IncludeAgainResponse, Organisation } from '../api/types';
import { useLoad } from '../api/use-load';
import { hrefOf } from '../app/routes';
import { DangerButton } from '../ui/danger-button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Notice, type NoticeValue } from '../ui/notice';
import { Section } from '../ui/section';
import { ErrorState, Loading } from '../ui/states';
import { autosharingState, includeAgainLabel } from './autosharing-state';
import { CrmCard } from './crm-card';

// The organisation's switch for Smart autosharing, with what starting and stopping mean, and the CRM connection.

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  notes: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
});

const START_NOTES = [
  "Liaison reads each included user's mailbox every minute and saves emails with known contacts and leads to the CRM, following each user's settings.",
  'Only mail that arrives after a user connects is read; internal emails and blacklisted participants are never saved.',
  'Activity hidden when autosharing was stopped is shown again. Users stay out of import until you include them: on the Users page, or all those included before the stop in one click on this page.',
];

const STOP_NOTES = [
  'Every user is removed from import: no mailbox is read for autosharing.',
  "Activity autosharing imported is hidden from Liaison's pages and from the embedded CRM (records in Salesforce are kept).",
  'Starting again shows that activity again; you then include the users again (in one click, those included now).',
];

export function AutosharingPage() {
  const styles = useStyles();
  const loaded = useLoad<Organisation>('/api/admin/organisation');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeValue>();

  let switchBody;
  if (loaded.loading && !loaded.data) switchBody = <Loading label="Loading the organisation…" />;
  else if (loaded.error || !loaded.data)
    switchBody = <ErrorState error={loaded.error ?? new Error('No organisation.')} retry={loaded.reload} />;
  else {
    const organisation = loaded.data;
    const enabled = organisation.autosharingEnabled;
    const state = autosharingState(organisation);
    // The counts change with the switch: read the organisation again rather than guess them here.
    const refresh = async () => loaded.set(await api<Organisation>('GET', '/api/admin/organisation'));
    const toggle = async () => {
      setBusy(true);
      try {
        const result = await api<AutosharingResponse>('POST', '/api/admin/autosharing', {
          enabled: !enabled,
        });
        await refresh();
        setNotice(
          result.autosharingEnabled
            ? {
                intent: 'success',
                title: 'Smart autosharing started',
                text: `${result.activitiesChanged} imported activities are shown again. No user is included yet: include them here or on the Users page; it applies from the next sync, within a minute.`,
              }
            : {
                intent: 'success',
                title: 'Smart autosharing stopped',
                text: `${result.usersExcluded} users removed from import; ${result.activitiesChanged} imported activities hidden.`,
              },
        );
        setConfirming(false);
      } catch (error) {
        setNotice({ intent: 'error', title: 'Nothing changed', text: (error as Error).message });
      } finally {
        setBusy(false);
      }
    };
    const includeAgain = async () => {
      setBusy(true);
      try {
        const result = await api<IncludeAgainResponse>('POST', '/api/admin/autosharing/include-again');
        await refresh();
        setNotice({
          intent: 'success',
          title: `${result.usersIncluded === 1 ? '1 user' : `${result.usersIncluded} users`} included again`,
          text: 'Those with a connected mailbox are read from the next sync, within a minute.',
        });
      } catch (error) {
        setNotice({ intent: 'error', title: 'Nobody was included', text: (error as Error).message });
      } finally {
        setBusy(false);
      }
    };
    switchBody = (
      <>
        <div className={styles.row}>
          <Badge appearance="filled" color={state.color}>
            {state.badge}
          </Badge>
          <Text>{state.text}</Text>
        </div>
        <div className={styles.row}>
          {state.includeAgain > 0 ? (
            <Button appearance="primary" disabled={busy} onClick={() => void includeAgain()}>
              {includeAgainLabel(state.includeAgain)}
            </Button>
          ) : null}
          {enabled ? (
            <DangerButton disabled={busy} onClick={() => setConfirming(true)}>
              Stop Smart autosharing
            </DangerButton>
          ) : (
            <Button appearance="primary" disabled={busy} onClick={() => setConfirming(true)}>
              Enable Smart autosharing
            </Button>
          )}
          <Link href={hrefOf('admin/users')}>Choose the users to import</Link>
        </div>
        <Notice notice={notice} />
        <ConfirmDialog
          open={confirming}
          title={enabled ? 'Stop Smart autosharing?' : 'Enable Smart autosharing?'}
          confirm={enabled ? 'Stop autosharing' : 'Enable autosharing'}
          danger={enabled}
          busy={busy}
          onConfirm={() => void toggle()}
          onCancel={() => setConfirming(false)}
        >
          <ul className={styles.notes}>
            {(enabled ? STOP_NOTES : START_NOTES).map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </ConfirmDialog>
      </>
    );
  }

  return (
    <>
      <Section
        title="Smart autosharing"
        hint="One switch for the whole organisation: whether Liaison saves emails to the CRM on its own."
      >
        {switchBody}
      </Section>
      <CrmCard />
    </>
  );
}
