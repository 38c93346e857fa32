// The OAuth clients of the mail providers, resolved from the server's configuration: what the connect routes sign
// people in with, and what the sync engine's source factory needs to refresh their tokens (one place for both).
import type { ServerConfig } from '../config';
import type { GmailAuthConfig } from '../providers/google';
import type { GraphAuthConfig } from '../providers/microsoft';
import type { SourceFactoryOptions } from '../sync/mail-source-factory';

/** Where Microsoft and Google send the browser back (register these as redirect URIs). */
export const GRAPH_CALLBACK_PATH = '/mailbox/microsoft/callback';
export const GMAIL_CALLBACK_PATH = '/mailbox/google/callback';
/** Where Microsoft Graph posts change notifications (server/providers/microsoft/graph-notification-routes.ts). */
export const GRAPH_NOTIFICATIONS_PATH = '/notifications/graph';

export type GraphProvider = GraphAuthConfig & { baseUrl?: string };
export type GmailProvider = GmailAuthConfig & { rootUrl?: string };

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

export function gmailProvider(config: ServerConfig): GmailProvider | undefined {
  const g = config.gmail;
  if (!g) return undefined;
  const provider: GmailProvider = {
    clientId: g.clientId,
    clientSecret: g.clientSecret,
    redirectUri: g.redirectUri ?? `${config.publicUrl}${GMAIL_CALLBACK_PATH}`,
  };
  if (g.endpoints) provider.endpoints = g.endpoints;
  if (g.apiUrl) provider.rootUrl = g.apiUrl;
  return provider;
}

/** The providers for `defaultMailSourceFactory({ secrets, ...mailProviderOptions(config) })`. */
export function mailProviderOptions(config: ServerConfig): Pick<SourceFactoryOptions, 'graph' | 'gmail'> {
  const graph = graphProvider(config);
  const gmail = gmailProvider(config);
  return { ...(graph ? { graph } : {}), ...(gmail ? { gmail } : {}) };
}
