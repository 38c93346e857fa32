import { Button, Field, Switch, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { api, segment } from '../api/client';
import type { BlacklistAddResponse, Organisation, SyncSettings } from '../api/types';
import { useLoad } from '../api/use-load';
import { BlacklistEditor } from '../blacklist/blacklist-editor';
import { changeCount, settingsDiff } from '../settings/settings-diff';
import { SyncSettingsForm } from '../settings/sync-settings-form';
import { APPLIES_FROM, Notice, type NoticeValue } from '../ui/notice';
import { Section } from '../ui/section';
import { ErrorState, Loading } from '../ui/states';

// The organisation: internal domains, the corporate blacklist, the default settings new users start from, and what
// the sidebars show.

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  wide: { width: '100%' },
});

function useNotice() {
  return useState<NoticeValue>();
}

export function OrganisationPage() {
  const styles = useStyles();
  const loaded = useLoad<Organisation>('/api/admin/organisation');
  const [domains, setDomains] = useState<string>();
  const [defaults, setDefaults] = useState<SyncSettings>();
  const [busy, setBusy] = useState(false);
  const [domainsNotice, setDomainsNotice] = useNotice();
  const [defaultsNotice, setDefaultsNotice] = useNotice();
  const [displayNotice, setDisplayNotice] = useNotice();

  if (loaded.loading && !loaded.data) return <Loading label="Loading the organisation…" />;
  if (loaded.error || !loaded.data)
    return <ErrorState error={loaded.error ?? new Error('No organisation.')} retry={loaded.reload} />;
  const organisation = loaded.data;

  const patch = async (body: object, done: (o: Organisation) => void, notify: (n: NoticeValue) => void) => {
    setBusy(true);
    try {
      const result = await api<Organisation>('PATCH', '/api/admin/organisation', body);
      loaded.set(result);
      done(result);
    } catch (error) {
      notify({ intent: 'error', title: 'Not saved', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const domainText = domains ?? organisation.internalDomains.join(', ');
  const domainList = domainText.split(/[\s,;]+/).filter(Boolean);
  const draftDefaults = defaults ?? organisation.defaultSettings;
  const defaultsPatch = settingsDiff(organisation.defaultSettings, draftDefaults);
  const defaultsChanges = changeCount(defaultsPatch);

  return (
    <>
      <Section
        title="Internal domains"
        hint="Email only between these domains is internal and never saved to the CRM."
      >
        <div className={styles.stack}>
          <Field
            className={styles.wide}
            label="Your organisation's domains"
            hint="Separate domains with commas, such as ourco.com, ourco.co.uk."
          >
            <Textarea value={domainText} onChange={(_, d) => setDomains(d.value)} />
          </Field>
          <Button
            appearance="primary"
            disabled={busy || domains === undefined}
            onClick={() =>
              void patch(
                { internalDomains: domainList },
                (o) => {
                  setDomains(undefined);
                  setDomainsNotice({
                    intent: 'success',
                    title: `Internal domains: ${o.internalDomains.join(', ') || 'none'}`,
                    text: APPLIES_FROM,
                  });
                },
                setDomainsNotice,
              )
            }
          >
            Save domains
          </Button>
          <Notice notice={domainsNotice} />
        </div>
      </Section>
      <Section
        title="Corporate blacklist"
        hint="Addresses and domains never saved for anyone; every user sees this list read-only."
      >
        <BlacklistEditor
          entries={organisation.corporateBlacklist}
          label="Add addresses or domains for everyone"
          everyone
          onAdd={async (text) => {
            const r = await api<BlacklistAddResponse>('POST', '/api/admin/blacklist', { entries: text });
            return { added: r.added, errors: r.errors, entries: r.corporate };
          }}
          onRemove={async (entry) =>
            (await api<{ corporate: string[] }>('DELETE', `/api/admin/blacklist/${segment(entry)}`)).corporate
          }
        />
      </Section>
      <Section
        title="Default settings for new users"
        hint="New users start with these; each user can change their own later."
      >
        <div className={styles.stack}>
          <SyncSettingsForm
            value={draftDefaults}
            disabled={busy}
            attachmentLimitMb={organisation.attachmentLimitMb}
            horizonDays={organisation.horizonDays}
            onChange={(next) => {
              setDefaults(next);
              setDefaultsNotice(undefined);
            }}
          />
          <Button
            appearance="primary"
            disabled={busy || defaultsChanges === 0}
            onClick={() =>
              void patch(
                { defaultSettings: defaultsPatch },
                () => {
                  setDefaults(undefined);
                  setDefaultsNotice({
                    intent: 'success',
                    title: 'Defaults saved',
                    text: 'New users start with them; existing users keep their own settings.',
                  });
                },
                setDefaultsNotice,
              )
            }
          >
            Save defaults
          </Button>
          <Notice notice={defaultsNotice} />
        </div>
      </Section>
      <Section title="Display" hint="What the Outlook and Gmail sidebars show to everyone.">
        <Field hint="Sidebars suggest names and companies read from an email (signature, domain) when creating a contact or lead.">
          <Switch
            label="Show information extracted from emails"
            checked={organisation.showExtractedInfo}
            disabled={busy}
            onChange={(_, d) =>
              void patch(
                { showExtractedInfo: d.checked },
                (o) =>
                  setDisplayNotice({
                    intent: 'success',
                    title: o.showExtractedInfo
                      ? 'Extracted information shown'
                      : 'Extracted information hidden',
                    text: 'Sidebars pick it up the next time an email is opened.',
                  }),
                setDisplayNotice,
              )
            }
          />
        </Field>
        <Notice notice={displayNotice} />
      </Section>
    </>
  );
}
