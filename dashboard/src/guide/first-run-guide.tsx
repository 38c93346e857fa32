import {
  Button,
  Card,
  Link,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { CrmStatus, MailboxStatus, Organisation, Session, SettingsResponse } from '../api/types';
import { hrefOf, type PageId } from '../app/routes';
import { adminSteps, userSteps, type GuideStep } from './guide-steps';
import { dismissGuide, loadGuideMemory, onGuideMemoryChange } from './guide-memory';

// A short first-run guide under each page's title until the person dismisses it (remembered by the server, so it
// stays dismissed in another browser): for an admin, what makes autosharing work for the organisation; for
// everyone, what makes it work for them. Each step's mark is read again on every page change, so a step done on
// its page shows as done on the next one.

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalS },
  head: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  title: { margin: 0 },
  groups: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))',
    gap: tokens.spacingHorizontalXL,
  },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  groupTitle: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  step: { display: 'grid', gridTemplateColumns: '20px 1fr', columnGap: tokens.spacingHorizontalS },
  mark: {
    width: '16px',
    height: '16px',
    marginTop: '2px',
    borderRadius: tokens.borderRadiusCircular,
    border: `2px solid ${tokens.colorNeutralStroke1}`,
    boxSizing: 'border-box',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontSize: '10px',
    lineHeight: '1',
  },
  done: {
    backgroundColor: tokens.colorPaletteGreenBackground3,
    border: `2px solid ${tokens.colorPaletteGreenBackground3}`,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  words: { display: 'flex', flexDirection: 'column' },
  detail: { color: tokens.colorNeutralForeground2 },
});

interface Facts {
  user: GuideStep[];
  admin?: GuideStep[];
}

/** Nothing to show once dismissed; else the steps, each read from the server now. */
async function loadFacts(session: Session): Promise<Facts | undefined> {
  const memory = await loadGuideMemory();
  if (memory.dismissed) return undefined;
  const [mailbox, settings, admin] = await Promise.all([
    api<MailboxStatus>('GET', '/api/mailbox'),
    api<SettingsResponse>('GET', '/api/settings'),
    session.user.role === 'admin'
      ? Promise.all([
          api<Organisation>('GET', '/api/admin/organisation'),
          api<CrmStatus>('GET', '/api/admin/crm'),
        ])
      : undefined,
  ]);
  return {
    user: userSteps({ mailbox, settings, whyTried: memory.whyTried }),
    ...(admin ? { admin: adminSteps({ organisation: admin[0], crm: admin[1] }) } : {}),
  };
}

function Steps({ title, steps }: { title: string; steps: GuideStep[] }) {
  const styles = useStyles();
  const left = steps.filter((s) => !s.done).length;
  return (
    <div className={styles.group}>
      <Text className={styles.groupTitle}>
        {title} · {left === 0 ? 'all done' : `${steps.length - left} of ${steps.length} done`}
      </Text>
      <ol className={styles.list} aria-label={title}>
        {steps.map((step) => (
          <li key={step.id} className={styles.step} data-testid={`guide-step-${step.id}`}>
            <span className={mergeClasses(styles.mark, step.done && styles.done)} aria-hidden="true">
              {step.done ? '✓' : ''}
            </span>
            <span className={styles.words}>
              <span>
                <span className="visually-hidden">{step.done ? 'Done: ' : 'To do: '}</span>
                <Link href={hrefOf(step.page)}>{step.title}</Link>
              </span>
              <Text size={200} className={styles.detail}>
                {step.detail}
              </Text>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function FirstRunGuide({ session, page }: { session: Session; page: PageId }) {
  const styles = useStyles();
  const [facts, setFacts] = useState<Facts>();
  const [memory, setMemory] = useState(0);
  const [failed, setFailed] = useState<string>();

  useEffect(() => onGuideMemoryChange(() => setMemory((n) => n + 1)), []);
  useEffect(() => {
    let live = true;
    // The guide is a help, not the page: when its facts cannot be read it stays out of the way.
    loadFacts(session).then(
      (loaded) => live && setFacts(loaded),
      () => live && setFacts(undefined),
    );
    return () => {
      live = false;
    };
  }, [session, page, memory]);

  const dismiss = () => {
    const shown = facts;
    setFacts(undefined);
    dismissGuide().then(
      () => setFailed(undefined),
      (error: Error) => {
        setFacts(shown);
        setFailed(`Not dismissed: ${error.message}`);
      },
    );
  };

  if (!facts) return null;
  return (
    <Card className={styles.card} role="region" aria-labelledby="first-run-guide-title">
      <div className={styles.head}>
        <Subtitle2 as="h2" id="first-run-guide-title" className={styles.title}>
          Get started with Liaison
        </Subtitle2>
        <Button appearance="subtle" onClick={dismiss}>
          Dismiss the guide
        </Button>
      </div>
      {failed ? <Text role="alert">{failed}</Text> : null}
      <div className={styles.groups}>
        {facts.admin ? <Steps title="Your organisation" steps={facts.admin} /> : null}
        <Steps title="You" steps={facts.user} />
      </div>
    </Card>
  );
}
