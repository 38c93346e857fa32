import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
  useFocusFinders,
} from '@fluentui/react-components';
import { lazy, useMemo, useState } from 'react';
import type { MailMessage } from '../../../src/types';
import type { SidebarView } from '../../../src/sidebar/sidebar-types';
import { addLinksChoices } from '../../../src/sidebar/add-links';
import { createPaneApi, type PaneApi } from '../api/pane-api';
import type { MailHost } from '../office/mail-host';
import { useSidebar } from '../pane/use-sidebar';
import { AutoshareLine } from './AutoshareLine';
import { ComposeReady } from './ComposePane';
import { MeetingReady } from './MeetingPane';
import { recordUrlOf, shortDate } from './format';
import { LinkedRecords } from './LinkedRecords';
import {
  Lazy,
  MoreActions,
  Notice,
  PHONE,
  RecordTabs,
  StatusCard,
  ThreadAutosave,
  useNotice,
  usePartStyles,
  type NoticeIntent,
} from './PaneParts';

// The task pane: the open item's subject, where it stands (saved or the autosharing line), the two tabs and Save;
// for a meeting or appointment, MeetingPane.tsx.

// The dialogs are not on screen when the pane opens: their code (and Fluent's dialog, radio and field code) loads
// after the first paint, prefetched while the rep reads.
const SaveDialog = lazy(() => import(/* webpackChunkName: "save", webpackPrefetch: true */ './SaveDialog'));
const AddLinksDialog = lazy(
  () => import(/* webpackChunkName: "add-links", webpackPrefetch: true */ './AddLinksDialog'),
);

const useStyles = makeStyles({
  pane: {
    display: 'grid',
    // minmax(0, 1fr): a long word or line never widens the pane past Outlook's frame.
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: '100vh',
    boxSizing: 'border-box',
    alignContent: 'start',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    [PHONE]: {
      // Outlook mobile's full-screen pane: the people right under the subject, then what the pane knows about the
      // email, then the actions at the bottom (the bar is sticky there); every button and tab a 44 px touch target.
      display: 'flex',
      flexDirection: 'column',
      '& > h1': { order: -3 },
      '& > [role="tablist"]': { order: -2 },
      '& > [role="tabpanel"]': { order: -1 },
      '& .fui-Button': { minHeight: '44px' },
      '& .fui-Tab': { minHeight: '44px' },
      '& button.fui-Link': { minHeight: '44px' },
    },
  },
  subject: { margin: 0, overflowWrap: 'anywhere' },
  center: { display: 'grid', justifyItems: 'center', gap: tokens.spacingVerticalM, paddingTop: '20vh' },
});

function SavedLine({ view }: { view: SidebarView }) {
  const saved = view.saved;
  if (!saved) return null;
  const when = shortDate(saved.savedAt);
  const how =
    saved.mode === 'automatic'
      ? `Automatically on ${when}, from ${saved.savedBy}'s mailbox`
      : `By ${saved.savedBy} on ${when}`;
  return (
    <div data-testid="saved">
      <Text weight="semibold" block>
        Already saved
      </Text>
      <Caption1 block>
        {how}
        {saved.links.length > 0 && (
          <>
            , linked to <LinkedRecords view={view} refs={saved.links} />
          </>
        )}
        .
      </Caption1>
    </div>
  );
}

function Ready({
  view,
  message,
  host,
  api,
  refresh,
}: {
  view: SidebarView;
  message: MailMessage;
  host: MailHost;
  api: PaneApi;
  refresh(): void;
}) {
  const parts = usePartStyles();
  const [saving, setSaving] = useState(false);
  // A saved email is never saved twice (rulebook section 4): it offers adding links instead, when there is any.
  const addLinks = addLinksChoices(view);
  const { notice, notify } = useNotice();
  const done = (text: string, intent: NoticeIntent = 'success') => {
    setSaving(false);
    notify(intent, text);
    refresh();
  };
  const tone = view.alreadySaved ? 'saved' : view.autoshare.willSave ? 'will' : 'wont';
  return (
    <>
      <StatusCard tone={tone}>
        <SavedLine view={view} />
        {!view.alreadySaved && <AutoshareLine autoshare={view.autoshare} />}
        {view.thread.autosave && <ThreadAutosave view={view} next />}
        <Notice notice={notice} />
      </StatusCard>
      <div className={parts.bar}>
        {(!addLinks || addLinks.possible) && (
          <Button appearance="primary" onClick={() => setSaving(true)}>
            {addLinks ? `${addLinks.title}…` : 'Save…'}
          </Button>
        )}
        <MoreActions items={[{ label: 'Refresh', onClick: refresh }]} />
      </div>
      <RecordTabs view={view} api={api} refresh={refresh} notify={notify} />
      {saving && addLinks && (
        <Lazy>
          <AddLinksDialog
            choices={addLinks}
            message={message}
            urlOf={(ref) => recordUrlOf(view, ref)}
            api={api}
            onClose={() => setSaving(false)}
            onDone={done}
          />
        </Lazy>
      )}
      {saving && !addLinks && (
        <Lazy>
          <SaveDialog
            subject={{ kind: 'email', view, message, readContent: (files) => host.readContent(files) }}
            api={api}
            onClose={() => setSaving(false)}
            onSaved={done}
          />
        </Lazy>
      )}
    </>
  );
}

export function Pane({ host }: { host: MailHost }) {
  // Holds Fluent's focus manager (Tabster) for the pane's life. A dialog's aria-hidden on the page is lifted 250 ms
  // after it closes; when an item switch dropped the view's last Tabster user within that time, Tabster was
  // disposed with the lift still pending, and the pane stayed hidden from screen readers (microsoft/tabster#530).
  useFocusFinders();
  const styles = useStyles();
  const api = useMemo(() => createPaneApi(host.token), [host]);
  const { state, refresh } = useSidebar(host, api);

  if (state.status === 'no-item')
    return (
      <main className={styles.pane}>
        <div className={styles.center}>
          <Text as="h1" size={500} weight="semibold">
            Nothing selected
          </Text>
          <Text>Select an email or a meeting and Liaison shows who is in it in the CRM.</Text>
        </div>
      </main>
    );

  const { item } = state;
  const word = item.kind === 'meeting' ? 'meeting' : 'email';
  // The organizer's form reads its subject only with the rest: the view's, once there; a draft's as last read.
  const subject =
    state.status !== 'ready' || state.kind === 'email'
      ? item.subject
      : state.kind === 'meeting'
        ? state.view.subject
        : state.draft.subject;
  return (
    <main
      className={styles.pane}
      {...(item.kind === 'email'
        ? { 'data-message-id': item.id }
        : item.kind === 'meeting'
          ? { 'data-meeting-id': item.id }
          : {})}
      data-kind={item.kind}
      data-state={state.status}
      aria-busy={state.status === 'loading'}
    >
      <Text as="h1" size={500} weight="semibold" className={styles.subject} data-testid="subject">
        {subject || (state.status === 'loading' && item.kind !== 'email' ? '' : '(no subject)')}
      </Text>
      {state.status === 'loading' && (
        <Spinner label={`Looking up the people in this ${word}…`} size="small" />
      )}
      {state.status === 'error' && (
        <MessageBar layout="multiline" intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Liaison could not load this {word}</MessageBarTitle>
            {state.error}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void refresh()}>
              Try again
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {state.status === 'ready' &&
        // Keyed by the item: dialogs, notices and tab choice never carry over to another email or meeting.
        (state.kind === 'email' ? (
          <Ready
            key={`email:${item.id}`}
            view={state.view}
            message={state.message}
            host={host}
            api={api}
            refresh={() => void refresh()}
          />
        ) : state.kind === 'compose' && item.kind === 'compose' ? (
          <ComposeReady
            key={`compose:${item.id}`}
            view={state.view}
            draft={state.draft}
            host={item.draft}
            api={api}
            refresh={() => void refresh()}
          />
        ) : (
          state.kind === 'meeting' && (
            <MeetingReady
              key={`meeting:${item.id}`}
              view={state.view}
              meeting={state.meeting}
              api={api}
              refresh={() => void refresh()}
            />
          )
        ))}
    </main>
  );
}
