// A provider said a mailbox changed (a Graph change notification, a Gmail push): run it soon. With a sync worker
// in this process it is queued at once; otherwise the request written to the row is picked up by the workers
// within their poll interval (sync-worker.ts).
import type { AppDeps } from '../app/app-deps';
import { requestSync } from '../db/mailboxes-repo';

export async function mailboxChanged(
  deps: Pick<AppDeps, 'db' | 'syncNow'>,
  mailboxId: string,
): Promise<void> {
  if (deps.syncNow) await deps.syncNow(mailboxId);
  else await requestSync(deps.db, mailboxId);
}
