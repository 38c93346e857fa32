// Deletes a Graph mailbox's change-notification subscription at Microsoft, best effort, when the mailbox goes
// (its mailbox_push row cascades with it). Left alone, Graph would keep posting until the subscription expires.
import { getPush } from '../../db/mailbox-push-repo';
import type { Mailbox } from '../../db/mailboxes-repo';
import { graphTokenProvider, type GraphGrant } from './graph-auth';
import { createGraphClient } from './graph-client';
import { deleteSubscription } from './graph-subscriptions';
import { openSecret } from '../../services/mailbox-store';
import type { ProviderDeps } from '../provider';
import { graphProvider } from './graph-app';

export async function deleteGraphSubscription(deps: ProviderDeps, mailbox: Mailbox): Promise<void> {
  if (mailbox.kind !== 'graph') return;
  const provider = graphProvider(deps.config);
  const push = await getPush(deps.db, mailbox.id);
  const grant = openSecret(deps.secrets, mailbox) as GraphGrant | undefined;
  if (!provider || push?.provider !== 'graph' || !grant) return;
  try {
    // The grant is about to be forgotten: a token cache msal rotates now is not stored back.
    const client = createGraphClient(graphTokenProvider(provider, grant), provider.baseUrl);
    await deleteSubscription(client, push.subscriptionId);
  } catch {
    // Consent withdrawn, or Microsoft unreachable: the subscription expires on its own within days.
  }
}
