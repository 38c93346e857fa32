import { Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { DryRunResponse, SyncSettingsPatch } from '../api/types';
import { ErrorState } from '../ui/states';
import { Section } from '../ui/section';
import { dryRunReasons, dryRunSentence, eventDryRunLines } from './dry-run-text';

// "With these settings, the last 7 days would have saved N and skipped M": the core decides again on the emails and
// calendar events the decision log kept, with the draft settings, before anything is saved. Meetings and
// appointments are counted apart from the emails, each with its skip reasons.

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  sentence: { fontWeight: tokens.fontWeightSemibold, display: 'block', margin: 0 },
  // The calendar's lines, each on its own line, apart from the emails' reasons above.
  events: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    marginTop: tokens.spacingVerticalS,
  },
});

export function DryRunCard({ patch }: { patch: SyncSettingsPatch }) {
  const styles = useStyles();
  const key = JSON.stringify(patch);
  const [result, setResult] = useState<{ key: string; data?: DryRunResponse; error?: Error }>();

  useEffect(() => {
    let live = true;
    // Wait for the person to stop clicking before asking the server.
    const timer = setTimeout(() => {
      api<DryRunResponse>('POST', '/api/settings/dry-run', { settings: JSON.parse(key), days: 7 }).then(
        (data) => live && setResult({ key, data }),
        (error: Error) => live && setResult({ key, error }),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);

  const changed = key !== '{}';
  const current = result?.key === key ? result : undefined;
  return (
    <Section
      title="Dry run: the last 7 days"
      hint="What these settings would have done with the emails, meetings and appointments Liaison looked at in the last 7 days. Nothing is saved."
    >
      <div aria-live="polite">
        {!current ? (
          <Spinner size="tiny" label="Working out what these settings would do…" labelPosition="after" />
        ) : current.error ? (
          <ErrorState title="No preview" error={current.error} />
        ) : current.data ? (
          <>
            <Text className={styles.sentence} as="p">
              {dryRunSentence(current.data, changed)}
            </Text>
            {current.data.skipped > 0 ? (
              <ul className={styles.list} aria-label="Skipped, by reason">
                {dryRunReasons(current.data).map((r) => (
                  <li key={r.reason}>
                    <Text>
                      {r.label}: {r.count}
                    </Text>
                  </li>
                ))}
              </ul>
            ) : null}
            <div className={styles.events} aria-label="Meetings and appointments" role="group">
              {eventDryRunLines(current.data, changed).map((line) => (
                <Text key={line} className={styles.sentence} as="p">
                  {line}
                </Text>
              ))}
            </div>
          </>
        ) : null}
      </div>
    </Section>
  );
}
