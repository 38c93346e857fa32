import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { api } from '../api/client';
import type { SettingsResponse, SyncSettings } from '../api/types';
import { useLoad } from '../api/use-load';
import { Notice, type NoticeValue } from '../ui/notice';
import { Section } from '../ui/section';
import { ErrorState, Loading } from '../ui/states';
import { DryRunCard } from './dry-run-card';
import { changeCount, settingsDiff } from './settings-diff';
import { SyncSettingsForm } from './sync-settings-form';

// A user's sync settings: change the controls, see the dry run of the draft, save. Saved settings apply from the
// next sync, with no new sign-in.

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

export function SettingsPage() {
  const styles = useStyles();
  const loaded = useLoad<SettingsResponse>('/api/settings');
  const [draft, setDraft] = useState<SyncSettings>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeValue>();

  if (loaded.loading && !loaded.data) return <Loading label="Loading your settings…" />;
  if (loaded.error || !loaded.data)
    return <ErrorState error={loaded.error ?? new Error('No settings.')} retry={loaded.reload} />;

  const saved = loaded.data.settings;
  const current = draft ?? saved;
  const patch = settingsDiff(saved, current);
  const changes = changeCount(patch);

  const save = async () => {
    setBusy(true);
    try {
      const result = await api<SettingsResponse>('PATCH', '/api/settings', patch);
      loaded.set(result);
      setDraft(undefined);
      setNotice({ intent: 'success', title: 'Settings saved', text: result.appliesFrom });
    } catch (error) {
      setNotice({ intent: 'error', title: 'Not saved', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Section title="Auto-sharing" hint="Your own settings; they start from your organisation's defaults.">
        <SyncSettingsForm
          value={current}
          disabled={busy}
          attachmentLimitMb={loaded.data.attachmentLimitMb}
          horizonDays={loaded.data.horizonDays}
          onChange={(next) => {
            setDraft(next);
            setNotice(undefined);
          }}
        />
        <div className={styles.actions}>
          <Button appearance="primary" disabled={busy || changes === 0} onClick={() => void save()}>
            {changes === 0 ? 'Save changes' : `Save ${changes} ${changes === 1 ? 'change' : 'changes'}`}
          </Button>
          <Button disabled={busy || changes === 0} onClick={() => setDraft(undefined)}>
            Discard
          </Button>
        </div>
        <Notice notice={notice} />
      </Section>
      <DryRunCard patch={patch} />
    </>
  );
}
