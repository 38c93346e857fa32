/**
 * Gmail's batch endpoint (`POST /batch/gmail/v1`, multipart/mixed of `application/http` parts): many
 * `messages.get` calls in one HTTP request. The generated client has no batch support, so the request is
 * sent through the OAuth2Client (which adds and refreshes the token) and the answer parsed here.
 */
import { randomBytes } from 'node:crypto';
import type { OAuth2Client } from 'google-auth-library';

export interface BatchAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  const h = headers as { get?(n: string): string | null } & Record<string, unknown>;
  if (typeof h.get === 'function') return h.get(name) ?? undefined;
  const found = Object.entries(h).find(([k]) => k.toLowerCase() === name);
  return typeof found?.[1] === 'string' ? found[1] : undefined;
}

export function parseBatchAnswer(contentType: string, text: string, count: number): BatchAnswer[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new Error(`batch answer without a boundary (${contentType})`);
  const answers: BatchAnswer[] = Array.from({ length: count }, () => ({
    status: 0,
    headers: {},
    body: undefined,
  }));
  for (const chunk of text.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = chunk.replace(/^\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const outer = part.slice(0, split.index);
    const inner = part.slice(split.index + split[0].length);
    const index = Number(/content-id:\s*<response-item(\d+)>/i.exec(outer)?.[1]);
    const headEnd = /\r?\n\r?\n/.exec(inner);
    const head = headEnd ? inner.slice(0, headEnd.index) : inner;
    const body = headEnd ? inner.slice(headEnd.index + headEnd[0].length).trim() : '';
    const [statusLine = '', ...headerLines] = head.split(/\r?\n/);
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    if (!Number.isInteger(index) || index < 0 || index >= count) continue;
    let parsed: unknown = body;
    try {
      parsed = body ? JSON.parse(body) : undefined;
    } catch {
      // not JSON: keep the text
    }
    answers[index] = { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: parsed };
  }
  return answers;
}

/** GETs `paths` (e.g. `/gmail/v1/users/me/messages/{id}?format=raw`) in one batch request. */
export async function batchGet(auth: OAuth2Client, rootUrl: string, paths: string[]): Promise<BatchAnswer[]> {
  const boundary = `liaison_${randomBytes(12).toString('hex')}`;
  const body =
    paths
      .map(
        (p, i) =>
          `--${boundary}\r\nContent-Type: application/http\r\nContent-ID: <item${i}>\r\n\r\nGET ${p}\r\n\r\n`,
      )
      .join('') + `--${boundary}--\r\n`;
  const res = await auth.request<string>({
    url: `${rootUrl.replace(/\/$/, '')}/batch/gmail/v1`,
    method: 'POST',
    headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` },
    data: body,
    responseType: 'text',
    retry: false,
  });
  return parseBatchAnswer(headerOf(res.headers, 'content-type') ?? '', String(res.data), paths.length);
}
