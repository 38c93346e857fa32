import {
  Caption1,
  makeStyles,
  mergeClasses,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Suspense, useState, type ReactNode } from 'react';
import type { NewRecordSuggestion, PickableRecord, SidebarPerson } from '../../../src/sidebar/sidebar-types';
import type { RecordRef } from '../../../src/types';
import { recordUrlOf } from './format';
import { RecordLink } from './RecordLink';
import type { PaneApi } from '../api/pane-api';
export { MoreActions } from './MoreActions';
import { NewRecordsTab } from './NewRecordsTab';
import { PeopleTab } from './PeopleTab';

// What the pane shows the same way for every item (an email read or written, a meeting): the notice after an
// action, the two tabs of people, the row of actions, and a lazily loaded dialog.

/** A phone: a narrow window on a touch screen (Outlook on iOS and Android), not Outlook's narrow desktop pane. */
export const PHONE = '@media (max-width: 480px) and (pointer: coarse)';

export const usePartStyles = makeStyles({
  bar: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    flexWrap: 'wrap',
    [PHONE]: {
      // At the bottom of a short pane, and kept at the bottom of the screen while a long one scrolls.
      position: 'sticky',
      bottom: 0,
      zIndex: 1,
      margin: `auto calc(-1 * ${tokens.spacingHorizontalM}) calc(-1 * ${tokens.spacingHorizontalM})`,
      padding: tokens.spacingHorizontalM,
      backgroundColor: tokens.colorNeutralBackground2,
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      '& > .fui-Button': { flexGrow: 1 },
    },
  },
});

const useStatusStyles = makeStyles({
  card: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderLeftWidth: tokens.strokeWidthThickest,
  },
  saved: { borderLeftColor: tokens.colorStatusSuccessBorderActive },
  will: { borderLeftColor: tokens.colorBrandStroke1 },
  wont: { borderLeftColor: tokens.colorNeutralStroke1 },
  notice: { display: 'block', fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  success: { color: tokens.colorStatusSuccessForeground1 },
  warning: { color: tokens.colorStatusWarningForeground1 },
  error: { color: tokens.colorStatusDangerForeground1 },
});

/** Where the item stands: saved, will be saved, or won't be (the colour of the card's edge says which). */
export type StatusTone = 'saved' | 'will' | 'wont';

/**
 * The one status card at the top of the pane: where the item stands, with Why? and details on demand, and the last
 * action's outcome under it, instead of a stack of notices pushing the people down.
 */
export function StatusCard({ tone, children }: { tone: StatusTone; children: ReactNode }) {
  const styles = useStatusStyles();
  return (
    <section aria-label="Status" className={mergeClasses(styles.card, styles[tone])} data-tone={tone}>
      {children}
    </section>
  );
}

/** "Next emails in this thread are saved automatically, linked to …" (the thread's record opens in the CRM). */
export function ThreadAutosave({
  view,
  next = false,
}: {
  view: {
    thread: { autosave: boolean; what?: RecordRef; whatName?: string };
    people: SidebarPerson<string>[];
    pickable: PickableRecord[];
  };
  /** A read email: the next ones; a draft: the thread's emails. */
  next?: boolean;
}) {
  const { what, whatName } = view.thread;
  return (
    <Caption1 block data-testid="thread-autosave">
      {next
        ? 'Next emails in this thread are saved automatically'
        : 'Emails in this thread are saved automatically'}
      {whatName && (
        <>
          , linked to{' '}
          <RecordLink name={whatName} url={what ? recordUrlOf(view, what) : undefined} plain={whatName} />
        </>
      )}
      .
    </Caption1>
  );
}

export type NoticeIntent = 'success' | 'warning' | 'error';
export type Notify = (intent: NoticeIntent, text: string) => void;

/** The last action's outcome, shown until the next one. */
export function useNotice() {
  const [notice, setNotice] = useState<{ intent: NoticeIntent; text: string }>();
  const notify: Notify = (intent, text) => setNotice({ intent, text });
  return { notice, notify };
}

/** The last action's outcome, one line in the status card, coloured by how it went. */
export function Notice({ notice }: { notice: { intent: NoticeIntent; text: string } | undefined }) {
  const styles = useStatusStyles();
  if (!notice) return null;
  return (
    <Text
      className={mergeClasses(styles.notice, styles[notice.intent])}
      role={notice.intent === 'error' ? 'alert' : 'status'}
      data-testid="notice"
      data-intent={notice.intent}
    >
      {notice.text}
    </Text>
  );
}

/** Contacts & Leads and New records, for the people of an email or a meeting. */
export function RecordTabs({
  view,
  item = 'email',
  api,
  refresh,
  notify,
}: {
  view: {
    people: SidebarPerson<string>[];
    suggestions: NewRecordSuggestion<string>[];
    hiddenBlacklisted: number;
  };
  item?: 'email' | 'meeting';
  api: PaneApi;
  refresh(): void;
  notify: Notify;
}) {
  const [tab, setTab] = useState<'people' | 'new'>('people');
  return (
    <>
      <TabList
        selectedValue={tab}
        onTabSelect={(_, data) => setTab(data.value as 'people' | 'new')}
        aria-label="Liaison sections"
      >
        <Tab value="people">Contacts &amp; Leads ({view.people.length})</Tab>
        <Tab value="new">New records ({view.suggestions.length})</Tab>
      </TabList>
      <div role="tabpanel" aria-label={tab === 'people' ? 'Contacts & Leads' : 'New records'}>
        {tab === 'people' ? (
          <PeopleTab view={view} item={item} />
        ) : (
          <NewRecordsTab view={view} item={item} api={api} onChanged={refresh} notify={notify} />
        )}
      </div>
    </>
  );
}

/** A dialog whose code loads when first opened, with a small spinner meanwhile. */
export function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spinner size="tiny" label="Opening…" />}>{children}</Suspense>;
}
