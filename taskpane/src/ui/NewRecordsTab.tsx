import {
  Avatar,
  Badge,
  Button,
  Caption1,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import type { NewRecordSuggestion } from '../../../src/sidebar/sidebar-types';
import type { PaneApi } from '../api/pane-api';
import { MoreActions } from './MoreActions';

const CreateRecordDialog = lazy(
  () => import(/* webpackChunkName: "create-record", webpackPrefetch: true */ './CreateRecordDialog'),
);

// New records: the email's (or meeting's) unknown external people, each with the kind the core suggests. The two
// actions a rep takes here are on the card (Create the suggested kind, Do Not Sync: the address is blacklisted at once
// and its suggestion goes); creating the other kind is in the card's More menu.

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM },
  item: {
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: { margin: 0, overflowWrap: 'anywhere' },
  person: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  who: { minWidth: 0, display: 'grid', gap: tokens.spacingVerticalXXS },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  sub: { display: 'block', color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  actions: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    marginTop: tokens.spacingVerticalS,
  },
  // Block: a note under the list (or under the sentence saying there is none) starts its own line.
  note: { display: 'block', color: tokens.colorNeutralForeground2 },
});

export function NewRecordsTab({
  view,
  item = 'email',
  api,
  onChanged,
  notify,
}: {
  view: { suggestions: NewRecordSuggestion<string>[]; hiddenBlacklisted: number };
  item?: 'email' | 'meeting';
  api: PaneApi;
  onChanged(): void;
  notify(intent: 'success' | 'error', text: string): void;
}) {
  const styles = useStyles();
  const [creating, setCreating] = useState<{
    suggestion: NewRecordSuggestion<string>;
    kind: 'contact' | 'lead';
  }>();
  const [gone, setGone] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string>();

  async function doNotSync(address: string) {
    setBusy(address);
    try {
      const result = await api.doNotSync(address);
      if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.message).join(' '));
      setGone(new Set(gone).add(address));
      notify('success', `${address} won't be synced. Undo it on the dashboard's Blacklist page.`);
      onChanged();
    } catch (e) {
      notify('error', e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  }

  const suggestions = view.suggestions.filter((s) => !gone.has(s.address));
  return (
    <>
      {suggestions.length === 0 ? (
        <Text as="p" className={styles.note}>
          {view.hiddenBlacklisted > 0
            ? `Everyone outside your company in this ${item} is already in the CRM or on a Do Not Sync list.`
            : `Everyone outside your company in this ${item} is already in the CRM.`}
        </Text>
      ) : (
        <ul className={styles.list} aria-label="People not in the CRM">
          {suggestions.map((s) => {
            const label = s.displayName ?? s.address;
            const other = s.kind === 'lead' ? 'contact' : 'lead';
            return (
              <li key={s.address} className={styles.item} data-testid="suggestion" data-address={s.address}>
                <div className={styles.person}>
                  {/* Not in the CRM yet: the initials in grey, where a record's avatar has its kind's colour. */}
                  <Avatar name={label} color="neutral" size={32} aria-hidden />
                  <div className={styles.who}>
                    <div className={styles.head}>
                      <Text weight="semibold" as="h3" size={400} className={styles.title}>
                        {label}
                      </Text>
                      <Badge appearance="tint" color="informative">
                        Suggested: {s.kind}
                      </Badge>
                    </div>
                    <Caption1 className={styles.sub}>
                      {s.address}
                      {s.account ? ` · ${s.account.name}` : ''}
                      {s.roleAddress ? ' · a shared role address' : ''}
                      {s.personalAddress ? ' · a personal address' : ''}
                    </Caption1>
                  </div>
                </div>
                <div className={styles.actions}>
                  <Button
                    appearance="primary"
                    aria-label={`Create ${s.kind} for ${label}`}
                    onClick={() => setCreating({ suggestion: s, kind: s.kind })}
                  >
                    Create {s.kind}
                  </Button>
                  <Button
                    appearance="secondary"
                    aria-label={`Do Not Sync ${s.address}`}
                    disabled={busy === s.address}
                    onClick={() => void doNotSync(s.address)}
                  >
                    Do Not Sync
                  </Button>
                  <MoreActions
                    label={`More actions for ${label}`}
                    items={[
                      {
                        label: `Create ${other} instead`,
                        onClick: () => setCreating({ suggestion: s, kind: other }),
                      },
                    ]}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {view.hiddenBlacklisted > 0 && (
        <Caption1 as="p" className={styles.note}>
          {view.hiddenBlacklisted === 1
            ? `1 address in this ${item} is on a Do Not Sync list and is not shown.`
            : `${view.hiddenBlacklisted} addresses in this ${item} are on a Do Not Sync list and are not shown.`}
        </Caption1>
      )}
      {creating && (
        <Suspense fallback={<Spinner size="tiny" label="Opening…" />}>
          <CreateRecordDialog
            suggestion={creating.suggestion}
            kind={creating.kind}
            api={api}
            onClose={() => setCreating(undefined)}
            onCreated={(name) => {
              setCreating(undefined);
              notify('success', `Created ${creating.kind} ${name}.`);
              onChanged();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
