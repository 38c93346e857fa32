import type { ImapFlow } from 'imapflow';
import { uidSet } from './uid-set';
import { withFolder } from './with-folder';

// Where to start reading a folder we hold no valid position for (its UIDVALIDITY changed, or it appeared after the
// connection): at the first message that arrived at or after `connectedAt`. SEARCH SINCE compares dates only, in
// the server's time zone, so search from the day before and compare INTERNALDATE, which has whole seconds only:
// a message of the connection's very second counts as after it.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UID to start from; `uidNext` when nothing arrived since the connection. Needs no mailbox selected. */
export async function firstUidSince(
  client: ImapFlow,
  path: string,
  connectedAt: Date,
  uidNext: number,
): Promise<number> {
  const from = Math.floor(connectedAt.getTime() / 1000) * 1000;
  return withFolder(client, path, async () => {
    const found = await client.search({ since: new Date(connectedAt.getTime() - DAY_MS) }, { uid: true });
    const uids = (found || []).sort((a, b) => a - b);
    if (uids.length === 0) return uidNext;
    for await (const message of client.fetch(
      uidSet(uids),
      { uid: true, internalDate: true },
      { uid: true },
    )) {
      const arrived = message.internalDate === undefined ? undefined : new Date(message.internalDate);
      if (arrived && arrived.getTime() >= from && message.uid < uidNext) uidNext = message.uid;
    }
    return uidNext;
  });
}
