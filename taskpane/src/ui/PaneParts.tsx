import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { Suspense, useState, type ReactNode } from 'react';
import type { NewRecordSuggestion, SidebarPerson } from '../../../src/sidebar/sidebar-types';
import type { PaneApi } from '../api/pane-api';
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

export type NoticeIntent = 'success' | 'warning' | 'error';
export type Notify = (intent: NoticeIntent, text: string) => void;

/** The last action's outcome, shown until the next one. */
export function useNotice() {
  const [notice, setNotice] = useState<{ intent: NoticeIntent; text: string }>();
  const notify: Notify = (intent, text) => setNotice({ intent, text });
  return { notice, notify };
}

export function Notice({ notice }: { notice: { intent: NoticeIntent; text: string } | undefined }) {
  if (!notice) return null;
  return (
    <MessageBar
      layout="multiline"
      intent={notice.intent}
      role={notice.intent === 'error' ? 'alert' : 'status'}
    >
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
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
