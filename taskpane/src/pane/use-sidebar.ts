import { useCallback, useEffect, useRef, useState } from 'react';
import type { MailMessage } from '../../../src/types';
import type { SidebarView } from '../../../src/sidebar/sidebar-types';
import type { PaneApi } from '../api/pane-api';
import type { MailHost } from '../office/mail-host';

// The pane's state for the selected item. Every item change starts a new generation: the previous item's view is
// dropped at once and an answer that arrives for an older generation is ignored, so a pinned pane never shows one
// email's people beside another email.

export type PaneState =
  | { status: 'no-item' }
  | { status: 'loading'; message: MailMessage }
  | { status: 'ready'; message: MailMessage; view: SidebarView }
  | { status: 'error'; message: MailMessage; error: string };

export function useSidebar(host: MailHost, api: PaneApi) {
  const generation = useRef(0);
  const [state, setState] = useState<PaneState>(() => {
    const message = host.readItem();
    return message ? { status: 'loading', message } : { status: 'no-item' };
  });
  const first = useRef(state);

  /** Asks for the view of `message`; the answer counts only while `mine` is still the current generation. */
  const fetchView = useCallback(
    async (message: MailMessage, mine: number) => {
      try {
        const view = await api.sidebar(message);
        if (generation.current === mine) setState({ status: 'ready', message, view });
      } catch (error) {
        if (generation.current === mine)
          setState({
            status: 'error',
            message,
            error: error instanceof Error ? error.message : String(error),
          });
      }
    },
    [api],
  );

  /** Reads the selected item and asks for its view; `quiet` keeps the current view on screen while refreshing. */
  const load = useCallback(
    (quiet = false) => {
      const mine = ++generation.current;
      const message = host.readItem();
      if (!message) return setState({ status: 'no-item' });
      if (!quiet) setState({ status: 'loading', message });
      void fetchView(message, mine);
    },
    [host, fetchView],
  );

  useEffect(() => {
    const initial = first.current;
    if (initial.status === 'loading') void fetchView(initial.message, ++generation.current);
    return host.onItemChanged(() => load());
  }, [host, load, fetchView]);

  /** After a change on the server (a save, a new record, Do Not Sync): the same item, fetched again. */
  const refresh = useCallback(() => load(true), [load]);
  return { state, refresh };
}
