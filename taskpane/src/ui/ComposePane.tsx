import { Button, Caption1, Text } from '@fluentui/react-components';
import { lazy, useEffect, useRef, useState } from 'react';
import type { SaveWhenSentRequest } from '../../../src/api/compose-api';
import { noHeadersText, threadPickText, whenSentText } from '../pane/compose-sentences';
import type { SidebarView } from '../../../src/sidebar/sidebar-types';
import type { PaneApi } from '../api/pane-api';
import type { Draft } from '../office/compose-item';
import type { DraftHost } from '../office/mail-host';
import { AutoshareLine } from './AutoshareLine';
import {
  Lazy,
  MoreActions,
  Notice,
  RecordTabs,
  StatusCard,
  ThreadAutosave,
  useNotice,
  usePartStyles,
} from './PaneParts';

// The pane while the rep writes an email (issue 18): the recipients' records as they are typed (RecipientsChanged
// asks the view again), New records for unknown addresses, what autosharing will do once it is sent, and Save when
// sent: the pick is kept by the server and the message carries only its token, in the `x-liaison-save` internet
// header (Mailbox 1.8). Without 1.8 the pane says so and offers what can be done instead.

const SaveDialog = lazy(() => import(/* webpackChunkName: "save", webpackPrefetch: true */ './SaveDialog'));

export function ComposeReady({
  view,
  draft,
  host,
  api,
  refresh,
}: {
  view: SidebarView;
  draft: Draft;
  host: DraftHost;
  api: PaneApi;
  refresh(): void;
}) {
  const parts = usePartStyles();
  const [picking, setPicking] = useState(false);
  /** What the pane told the rep will happen on send; undefined while nothing is picked. */
  const [marked, setMarked] = useState<string>();
  const { notice, notify } = useNotice();
  const byThread = !host.canMarkForSaving;

  // Recipients typed, removed or resolved: the view is asked again (debounced by the host). One handler for the
  // draft's life; the latest `refresh` is called through a ref.
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  });
  useEffect(() => host.onRecipientsChanged(() => latest.current()), [host]);
  // A pane reopened on a draft it marked before finds the header there.
  useEffect(() => {
    let live = true;
    if (host.canMarkForSaving)
      void host.mark().then((token) => {
        if (live && token)
          setMarked((m) => m ?? 'Will be saved to the CRM when you send it, with the records picked before.');
      });
    return () => {
      live = false;
    };
  }, [host]);

  async function submit(pick: SaveWhenSentRequest, names: string[]): Promise<string> {
    if (byThread) {
      await api.saveWhenSent({ ...pick, threadId: draft.threadId, autosaveThread: true });
      return threadPickText(names);
    }
    const answer = await api.saveWhenSent(pick);
    await host.markForSaving(answer.token);
    return whenSentText(names, pick.autosaveThread === true);
  }

  async function unmark() {
    try {
      await host.unmark();
      setMarked(undefined);
      notify('success', 'It will not be saved when sent; autosharing decides as for any email.');
    } catch (e) {
      notify('error', e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <>
      <StatusCard tone={marked || view.autoshare.willSave ? 'will' : 'wont'}>
        {marked ? (
          <div data-testid="save-when-sent">
            <Text weight="semibold" block>
              Save when sent
            </Text>
            <Caption1 block>{marked}</Caption1>
          </div>
        ) : (
          <AutoshareLine autoshare={view.autoshare} />
        )}
        {view.thread.autosave && <ThreadAutosave view={view} />}
        {byThread && (
          <Caption1 block data-testid="no-headers">
            {noHeadersText(draft.threadId)}
          </Caption1>
        )}
        <Notice notice={notice} />
      </StatusCard>
      <div className={parts.bar}>
        {marked
          ? !byThread && (
              <>
                <Button appearance="primary" onClick={() => setPicking(true)}>
                  Change…
                </Button>
                <Button onClick={() => void unmark()}>Don&apos;t save it</Button>
              </>
            )
          : (!byThread || draft.threadId) && (
              <Button appearance="primary" onClick={() => setPicking(true)}>
                {byThread ? 'Auto-save next emails in this thread…' : 'Save when sent…'}
              </Button>
            )}
        <MoreActions items={[{ label: 'Refresh', onClick: refresh }]} />
      </div>
      <RecordTabs view={view} api={api} refresh={refresh} notify={notify} />
      {picking && (
        <Lazy>
          <SaveDialog
            subject={{ kind: 'draft', view, by: byThread ? 'thread' : 'header', submit }}
            api={api}
            onClose={() => setPicking(false)}
            onSaved={(text) => {
              setPicking(false);
              setMarked(text);
            }}
          />
        </Lazy>
      )}
    </>
  );
}
