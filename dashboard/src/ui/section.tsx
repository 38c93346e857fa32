import { Card, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

// A titled card: one concern of a page (a form, a list), with one line saying what it is for.

const useStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  head: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  title: { margin: 0 },
  hint: { color: tokens.colorNeutralForeground2 },
});

export function Section({
  title,
  hint,
  children,
  id,
}: {
  title: string;
  hint?: string;
  children: ReactNode;
  id?: string;
}) {
  const styles = useStyles();
  const headingId = `${id ?? title.replace(/\W+/g, '-').toLowerCase()}-title`;
  return (
    <Card className={styles.card} role="region" aria-labelledby={headingId}>
      <div className={styles.head}>
        <Subtitle2 as="h2" id={headingId} className={styles.title}>
          {title}
        </Subtitle2>
        {hint ? <Text className={styles.hint}>{hint}</Text> : null}
      </div>
      {children}
    </Card>
  );
}
