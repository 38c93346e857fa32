// The header block Outlook hands over (item.getAllInternetHeadersAsync, Mailbox 1.8) as the core's `headers`: only
// the fields that name the email's thread. A few lines rather than a MIME library: those fields are plain ASCII
// lists of Message-IDs, and the libraries that decode headers need Node's Buffer in the browser.

const THREAD_FIELDS = new Set(['references', 'in-reply-to']);

/** References and In-Reply-To (names lower-case, folded lines joined) from an RFC 5322 header block. */
export function threadHeaderFields(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const end = block.search(/\r?\n\r?\n/);
  const unfolded = (end < 0 ? block : block.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!THREAD_FIELDS.has(name) || name in headers) continue;
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}
