// Liaison's Microsoft 365 app, resolved from the server's configuration: what the connect route signs people in
// with, and what the sync engine's sources refresh their tokens with (one place for both).
import type { ServerConfig } from '../../config';
import type { GraphAuthConfig } from './graph-auth';

/** Where Microsoft sends the browser back (register it as a redirect URI). */
export const GRAPH_CALLBACK_PATH = '/mailbox/microsoft/callback';
/** Where Microsoft Graph posts change notifications (graph-notification-routes.ts). */
export const GRAPH_NOTIFICATIONS_PATH = '/notifications/graph';

export type GraphProvider = GraphAuthConfig & { baseUrl?: string };

export function graphProvider(config: ServerConfig): GraphProvider | undefined {
  const g = config.graph;
  if (!g) return undefined;
  const provider: GraphProvider = {
    clientId: g.clientId,
    clientSecret: g.clientSecret,
    tenant: g.tenant,
    redirectUri: g.redirectUri ?? `${config.publicUrl}${GRAPH_CALLBACK_PATH}`,
  };
  if (g.authority) provider.authority = g.authority;
  if (g.knownAuthorities) provider.knownAuthorities = g.knownAuthorities;
  if (g.authorityMetadata) provider.authorityMetadata = g.authorityMetadata;
  if (g.cloudDiscoveryMetadata) provider.cloudDiscoveryMetadata = g.cloudDiscoveryMetadata;
  if (g.apiUrl) provider.baseUrl = g.apiUrl;
  return provider;
}

/** The notification URL Graph subscriptions name, when notifications are on (resolved when used). */
export function graphNotificationUrl(config: ServerConfig): string | undefined {
  return config.graph?.notifications ? `${config.publicUrl}${GRAPH_NOTIFICATIONS_PATH}` : undefined;
}
