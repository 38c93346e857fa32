import { useCallback, useEffect, useRef, useState } from 'react';
import type { MeetingRequest } from '../../../src/api/meeting-api';
import type { MeetingView } from '../../../src/sidebar/meeting-types';
import type { SidebarView } from '../../../src/sidebar/sidebar-types';
import type { MailMessage } from '../../../src/types';
import type { PaneApi } from '../api/pane-api';
import type { Draft } from '../office/compose-item';
import type { MailHost, OpenItem } from '../office/mail-host';

// The pane's state for the selected item, an email or a meeting. Every item change starts a new generation: the
// previous item's view is dropped at once and an answer that arrives for an older generation is ignored, so a
// pinned pane never shows one item's people beside another item, nor an email's beside a meeting.

export type PaneState =
  | { status: 'no-item' }
  | { status: 'loading'; item: OpenItem }
  | { status: 'ready'; kind: 'email'; item: OpenItem; message: MailMessage; view: SidebarView }
  | { status: 'ready'; kind: 'meeting'; item: OpenItem; meeting: MeetingRequest; view: MeetingView }
  | { status: 'ready'; kind: 'compose'; item: OpenItem; draft: Draft; view: SidebarView }
  | { status: 'error'; item: OpenItem; error: string };

export function useSidebar(host: MailHost, api: PaneApi) {
  const generation = useRef(0);
  const [state, setState] = useState<PaneState>(() => {
    const item = host.readOpen();
    return item ? { status: 'loading', item } : { status: 'no-item' };
  });
  const first = useRef(state);

  /** Asks for the view of `item`; the answer counts only while `mine` is still the current generation. */
  const fetchView = useCallback(
    async (item: OpenItem, mine: number) => {
      try {
        if (item.kind === 'email') {
          const view = await api.sidebar(item.message);
          if (generation.current === mine)
            setState({ status: 'ready', kind: 'email', item, message: item.message, view });
        } else if (item.kind === 'compose') {
          const draft = await item.draft.read();
          const view = await api.draft(draft);
          if (generation.current === mine) setState({ status: 'ready', kind: 'compose', item, draft, view });
        } else {
          const meeting = await item.read();
          const view = await api.meeting(meeting);
          if (generation.current === mine)
            setState({ status: 'ready', kind: 'meeting', item, meeting, view });
        }
      } catch (error) {
        if (generation.current === mine)
          setState({ status: 'error', item, error: error instanceof Error ? error.message : String(error) });
      }
    },
    [api],
  );

  /** Reads the selected item and asks for its view; `quiet` keeps the current view on screen while refreshing. */
  const load = useCallback(
    (quiet = false) => {
      const mine = ++generation.current;
      const item = host.readOpen();
      if (!item) return setState({ status: 'no-item' });
      if (!quiet) setState({ status: 'loading', item });
      void fetchView(item, mine);
    },
    [host, fetchView],
  );

  useEffect(() => {
    const initial = first.current;
    if (initial.status === 'loading') void fetchView(initial.item, ++generation.current);
    return host.onItemChanged(() => load());
  }, [host, load, fetchView]);

  /** After a change on the server (a save, a new record, Do Not Sync): the same item, fetched again. */
  const refresh = useCallback(() => load(true), [load]);
  return { state, refresh };
}
