/**
 * The Microsoft Graph client for one mailbox: the official client with a two-step middleware chain.
 * Our bearer step adds the token on every request (the library's own AuthenticationHandler only does so
 * for https Graph hosts, so an emulator on http would get no token) and, on a 401, refreshes once and
 * retries. The library's RetryHandler is left out on purpose: the source decides how long to wait on 429.
 */
import type { Client, Context, Middleware } from '@microsoft/microsoft-graph-client';
import { graphClient } from '../../runtime/heavy-modules';
import type { GraphTokenProvider } from './graph-auth';

class BearerHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly tokens: GraphTokenProvider) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('BearerHandler needs a next middleware');
    const send = async (forceRefresh: boolean) => {
      const token = await this.tokens.getAccessToken({ forceRefresh });
      const options = (context.options ??= {});
      const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
      headers.set('Authorization', `Bearer ${token}`);
      options.headers = Object.fromEntries(headers.entries());
      await next.execute(context);
    };
    await send(false);
    // An expired or revoked access token: refresh once (msal uses the refresh token) and retry.
    if (context.response?.status === 401) await send(true);
  }
}

export const GRAPH_BASE_URL = 'https://graph.microsoft.com';

export function createGraphClient(tokens: GraphTokenProvider, baseUrl = GRAPH_BASE_URL): Client {
  const bearer = new BearerHandler(tokens);
  const { Client, HTTPMessageHandler } = graphClient();
  const http = new HTTPMessageHandler();
  bearer.setNext(http);
  return Client.initWithMiddleware({
    middleware: bearer,
    baseUrl: baseUrl.replace(/\/$/, '') + '/',
    defaultVersion: 'v1.0',
  });
}

/**
 * A nextLink / deltaLink as a path the client accepts. The client parses absolute https links itself;
 * links on another scheme (the emulator) are made relative to the base URL.
 */
export function linkPath(link: string, baseUrl = GRAPH_BASE_URL): string {
  if (link.startsWith('https://')) return link;
  const root = `${baseUrl.replace(/\/$/, '')}/v1.0`;
  return link.startsWith(root) ? link.slice(root.length) : link;
}
