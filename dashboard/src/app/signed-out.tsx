import { Body1, Card, Title2, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: tokens.colorNeutralBackground2,
    padding: tokens.spacingHorizontalL,
  },
  card: {
    maxWidth: '520px',
    padding: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

/** No session: Liaison has no passwords, so the way in is a one-time link. */
export function SignedOut() {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Card className={styles.card}>
        <Title2 as="h1">Sign in to Liaison</Title2>
        <Body1>
          Liaison signs you in with a one-time link; there is no password. Ask an admin for a link (Admin,
          Users, Sign-in link), or, on the server, run{' '}
          <span className={styles.code}>node bin/liaison.js users link you@company.com</span>.
        </Body1>
      </Card>
    </main>
  );
}
