import emailAddresses from 'email-addresses';
import type { EmailAddress } from '../types';

// Header lists such as `"Doe, Jane" <jane@acme.com>, bob@beta.io`, parsed by a maintained RFC 5322 parser.
// Nothing is dropped: a part the parser cannot read is kept as its raw text, so rule 0 can name it.

function fromMailbox(mailbox: emailAddresses.ParsedMailbox): EmailAddress {
  return mailbox.name ? { address: mailbox.address, name: mailbox.name } : { address: mailbox.address };
}

function flatten(parsed: (emailAddresses.ParsedMailbox | emailAddresses.ParsedGroup)[]): EmailAddress[] {
  return parsed.flatMap((item) =>
    item.type === 'group' ? item.addresses.map(fromMailbox) : [fromMailbox(item)],
  );
}

/** Splits on commas outside quotes and angle brackets, for the fallback path. */
function splitList(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i] as string;
    if (ch === '\\' && quoted) {
      current += ch + (header[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') angle++;
    else if (!quoted && ch === '>') angle = Math.max(0, angle - 1);
    if ((ch === ',' || ch === ';') && !quoted && angle === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Parses one address header value into addresses with their display names. */
export function parseAddressList(header: string): EmailAddress[] {
  if (typeof header !== 'string' || header.trim() === '') return [];
  const whole = emailAddresses.parseAddressList({ input: header, rfc6532: true });
  if (whole !== null) return flatten(whole);
  return splitList(header)
    .map((part) => {
      const one = emailAddresses.parseAddressList({ input: part, rfc6532: true });
      if (one !== null && one.length > 0) return flatten(one);
      const angle = /<([^<>]*)>\s*$/.exec(part);
      return [{ address: (angle?.[1] ?? part).trim() }];
    })
    .flat();
}

/** `Jane Doe <jane@acme.com>`, or the bare address when there is no name. */
export function formatAddress(value: EmailAddress): string {
  if (!value.name) return value.address;
  const name = /[",<>@;:()[\]\\]/.test(value.name)
    ? `"${value.name.replace(/(["\\])/g, '\\$1')}"`
    : value.name;
  return `${name} <${value.address}>`;
}
