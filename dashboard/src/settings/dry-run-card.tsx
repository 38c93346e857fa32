import { Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { DryRunResponse, SyncSettingsPatch } from '../api/types';
import { ErrorState } from '../ui/states';
import { Section } from '../ui/section';
import { dryRunReasons, dryRunSentence, eventDryRunLines } from './dry-run-text';

// "With these settings, the last 7 days would have saved N and skipped M": the core decides again on the emails and
// calendar events the decision log kept, with the draft settings, before anything is saved. Meetings and
// appointments are counted apart from the emails, each with its skip reasons.
//
// After a change, the new result's sentence is scrolled into view when it is off screen (the card sits below a long
// form). Focus stays on the control the person just changed: moving it would be a change of context on input
// (WCAG 3.2.2) and would send a keyboard user away from the form they are filling; screen readers hear the result
// through the live region instead.

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
  const sentence = useRef<HTMLParagraphElement>(null);
  const shownData = current?.data;
  useEffect(() => {
    const element = sentence.current;
    if (!shownData || !changed || !element) return;
    const box = element.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) element.scrollIntoView({ block: 'nearest' });
  }, [shownData, changed]);
  return (
    <Section
      title="Dry run: the last 7 days"
      hint="The settings above, applied again to what Liaison looked at. Nothing is saved."
    >
      <div aria-live="polite">
        {!current ? (
          <Spinner size="tiny" label="Working out what these settings would do…" labelPosition="after" />
        ) : current.error ? (
          <ErrorState title="No preview" error={current.error} />
        ) : current.data ? (
          <>
            <Text ref={sentence} className={styles.sentence} as="p" data-testid="dry-run-sentence">
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
