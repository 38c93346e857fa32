import { Text, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { PageInfo } from '../app/routes';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  title: { margin: 0 },
  summary: { color: tokens.colorNeutralForeground2 },
});

/** The page's title (also the tab's) and its one-line summary. */
export function PageHeader({ page }: { page: PageInfo }) {
  const styles = useStyles();
  useEffect(() => {
    document.title = `${page.title} · Liaison`;
  }, [page.title]);
  return (
    <div className={styles.root}>
      <Title2 as="h1" className={styles.title}>
        {page.title}
      </Title2>
      <Text className={styles.summary}>{page.summary}</Text>
    </div>
  );
}
