// Deletes a Graph mailbox's change-notification subscriptions (its inbox's, its calendar's) at Microsoft, best
// effort, when the mailbox goes (their mailbox_push rows cascade with it). Left alone, Graph would keep posting until
// they expire.
import { getPush } from '../../db/mailbox-push-repo';
import type { Mailbox } from '../../db/mailboxes-repo';
import { GRAPH_CALENDAR_SCOPES, graphTokenProvider, type GraphGrant } from './graph-auth';
import { createGraphClient } from './graph-client';
import { deleteSubscription } from './graph-subscriptions';
import { openSecret } from '../../services/mailbox-store';
import type { ProviderDeps } from '../provider';
import { graphProvider } from './graph-app';

export async function deleteGraphSubscription(deps: ProviderDeps, mailbox: Mailbox): Promise<void> {
  if (mailbox.kind !== 'graph') return;
  const provider = graphProvider(deps.config);
  const pushes = [await getPush(deps.db, mailbox.id), await getPush(deps.db, mailbox.id, 'calendar')].filter(
    (push) => push?.provider === 'graph',
  );
  const grant = openSecret(deps.secrets, mailbox) as GraphGrant | undefined;
  if (!provider || pushes.length === 0 || !grant) return;
  for (const push of pushes) {
    try {
      // The grant is about to be forgotten: a token cache msal rotates now is not stored back. A calendar's
      // subscription is deleted with the calendar's tokens (Calendars.Read), as it was made.
      const scopes = push!.kind === 'calendar' ? GRAPH_CALENDAR_SCOPES : undefined;
      const client = createGraphClient(graphTokenProvider(provider, grant, undefined, scopes), provider.baseUrl);
      await deleteSubscription(client, push!.subscriptionId);
    } catch {
      // Consent withdrawn, or Microsoft unreachable: the subscription expires on its own within days.
    }
  }
}
