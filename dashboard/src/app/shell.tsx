import { Button, Caption1, Switch, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Session } from '../api/types';
import { Brand } from './brand';
import { hrefOf, PAGES, type PageInfo } from './routes';
import type { ThemeName } from './use-theme';

// The frame of every page: the header (the product's name and mark, who is signed in, theme, sign out) and the page list. Wide screens get the
// list on the left; narrow ones (800 px) get it as a wrapping row above the page.

const NARROW = '@media (max-width: 1000px)';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    display: 'flex',
    flexDirection: 'column',
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    flexWrap: 'wrap',
  },
  who: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end' },
  body: { display: 'flex', flexGrow: 1, [NARROW]: { flexDirection: 'column' } },
  nav: {
    width: '220px',
    flexShrink: 0,
    padding: tokens.spacingVerticalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    [NARROW]: {
      width: 'auto',
      flexDirection: 'row',
      flexWrap: 'wrap',
      borderRight: 'none',
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    },
  },
  group: {
    marginTop: tokens.spacingVerticalM,
    padding: `0 ${tokens.spacingHorizontalS}`,
    color: tokens.colorNeutralForeground3,
    [NARROW]: { marginTop: 0, alignSelf: 'center', marginLeft: tokens.spacingHorizontalM },
  },
  link: {
    display: 'block',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  current: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    fontWeight: tokens.fontWeightSemibold,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  main: {
    flexGrow: 1,
    minWidth: 0,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '1040px',
    [NARROW]: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}` },
  },
});

function NavLink({ page, current }: { page: PageInfo; current: boolean }) {
  const styles = useStyles();
  return (
    <a
      href={hrefOf(page.id)}
      className={mergeClasses(styles.link, current && styles.current)}
      aria-current={current ? 'page' : undefined}
    >
      {page.title}
    </a>
  );
}

export function Shell({
  session,
  current,
  theme,
  onTheme,
  onSignOut,
  children,
}: {
  session: Session;
  current: PageInfo;
  theme: ThemeName;
  onTheme(theme: ThemeName): void;
  onSignOut(): void;
  children: ReactNode;
}) {
  const styles = useStyles();
  const isAdmin = session.user.role === 'admin';
  const mine = PAGES.filter((p) => !p.adminOnly);
  const admin = PAGES.filter((p) => p.adminOnly);
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Brand />
        <Switch
          label="Dark theme"
          checked={theme === 'dark'}
          onChange={(_, data) => onTheme(data.checked ? 'dark' : 'light')}
        />
        <div className={styles.who}>
          <Text weight="semibold">{session.user.displayName}</Text>
          <Caption1>
            {session.user.addresses[0]}
            {isAdmin ? ' · admin' : ''}
          </Caption1>
        </div>
        <Button onClick={onSignOut}>Sign out</Button>
      </header>
      <div className={styles.body}>
        <nav className={styles.nav} aria-label="Pages">
          {mine.map((p) => (
            <NavLink key={p.id} page={p} current={p.id === current.id} />
          ))}
          {isAdmin ? (
            <>
              <Caption1 className={styles.group} as="span">
                Admin
              </Caption1>
              {admin.map((p) => (
                <NavLink key={p.id} page={p} current={p.id === current.id} />
              ))}
            </>
          ) : null}
        </nav>
        <main className={styles.main} id="main">
          {children}
        </main>
      </div>
    </div>
  );
}
