import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the Gmail API's messages.get as the Workspace add-ons HTTP runtime's server calls it: only with
// the user's OAuth token and the open message's access token (X-Goog-Gmail-Access-Token), metadata or raw.

export interface StubMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  /** The whole RFC 822 message. */
  eml: string;
}

export interface GmailApiStub {
  url: string;
  messages: Map<string, StubMessage>;
  /** Requests served, as `format id`. */
  served: string[];
  stop(): Promise<void>;
}

export async function startGmailApiStub(oauthToken: string, accessToken: string): Promise<GmailApiStub> {
  const messages = new Map<string, StubMessage>();
  const served: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stub');
    const match = /^\/gmail\/v1\/users\/me\/messages\/([^/]+)$/.exec(url.pathname);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (
      request.headers.authorization !== `Bearer ${oauthToken}` ||
      request.headers['x-goog-gmail-access-token'] !== accessToken
    )
      return send(401, { error: { code: 401, message: 'Request had invalid authentication credentials.' } });
    const message = match ? messages.get(decodeURIComponent(match[1]!)) : undefined;
    if (!message) return send(404, { error: { code: 404, message: 'Requested entity was not found.' } });
    const format = url.searchParams.get('format');
    served.push(`${format} ${message.id}`);
    const base = { id: message.id, threadId: message.threadId, labelIds: message.labelIds };
    if (format === 'raw') return send(200, { ...base, raw: Buffer.from(message.eml).toString('base64url') });
    const head = message.eml.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    const headers = head.split(/\r?\n/).map((line) => {
      const at = line.indexOf(':');
      return { name: line.slice(0, at), value: line.slice(at + 1).trim() };
    });
    return send(200, { ...base, payload: { headers } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    messages,
    served,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
