/**
 * Google's batch format (`POST /batch/gmail/v1`, multipart/mixed of `application/http` parts), parsed and
 * answered by the emulator.
 */

export interface BatchPart {
  contentId: string;
  method: string;
  path: string;
  headers: Record<string, string>;
}

export function parseBatch(contentType: string, body: string): BatchPart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new Error('multipart/mixed body without a boundary');
  const chunks = body.split(`--${boundary}`).slice(1);
  const parts: BatchPart[] = [];
  for (const chunk of chunks) {
    if (chunk.startsWith('--')) break;
    const [outer = '', inner = ''] = chunk.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    const contentId = /content-id:\s*(.+)/i.exec(outer)?.[1]?.trim() ?? '';
    const lines = inner.split(/\r?\n/);
    const [method = 'GET', path = '/'] = (lines[0] ?? '').split(' ');
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    parts.push({ contentId, method, path, headers });
  }
  return parts;
}

export function batchAnswer(
  boundary: string,
  answers: { contentId: string; status: number; body: unknown; headers?: Record<string, string> }[],
): string {
  const reason: Record<number, string> = {
    200: 'OK',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return (
    answers
      .map((a) => {
        const json = JSON.stringify(a.body);
        const extra = Object.entries(a.headers ?? {})
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join('');
        const id = a.contentId.replace(/^<(.*)>$/, '$1');
        return `--${boundary}\r\nContent-Type: application/http\r\nContent-ID: <response-${id}>\r\n\r\nHTTP/1.1 ${a.status} ${reason[a.status] ?? ''}\r\nContent-Type: application/json; charset=UTF-8\r\n${extra}Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}\r\n`;
      })
      .join('') + `--${boundary}--\r\n`
  );
}
