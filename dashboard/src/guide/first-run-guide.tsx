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
import { dismissGuide, isGuideDismissed, onGuideMemoryChange, wasWhyTried } from './guide-memory';

// A short first-run guide above each page until the person dismisses it: for an admin, what makes autosharing work
// for the organisation; for everyone, what makes it work for them. Each step's mark is read again on every page
// change, so a step done on its page shows as done on the next one.

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

async function loadFacts(session: Session): Promise<Facts> {
  const userId = session.user.id;
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
    user: userSteps({ mailbox, settings, whyTried: wasWhyTried(userId) }),
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
  const userId = session.user.id;
  const [dismissed, setDismissed] = useState(() => isGuideDismissed(userId));
  const [facts, setFacts] = useState<Facts>();
  const [memory, setMemory] = useState(0);

  useEffect(() => onGuideMemoryChange(() => setMemory((n) => n + 1)), []);
  useEffect(() => {
    if (dismissed) return;
    let live = true;
    // The guide is a help, not the page: when its facts cannot be read it stays out of the way.
    loadFacts(session).then(
      (loaded) => live && setFacts(loaded),
      () => live && setFacts(undefined),
    );
    return () => {
      live = false;
    };
  }, [session, page, memory, dismissed]);

  if (dismissed || !facts) return null;
  return (
    <Card className={styles.card} role="region" aria-labelledby="first-run-guide-title">
      <div className={styles.head}>
        <Subtitle2 as="h2" id="first-run-guide-title" className={styles.title}>
          Get started with Liaison
        </Subtitle2>
        <Button
          appearance="subtle"
          onClick={() => {
            dismissGuide(userId);
            setDismissed(true);
          }}
        >
          Dismiss the guide
        </Button>
      </div>
      <div className={styles.groups}>
        {facts.admin ? <Steps title="Your organisation" steps={facts.admin} /> : null}
        <Steps title="You" steps={facts.user} />
      </div>
    </Card>
  );
}
