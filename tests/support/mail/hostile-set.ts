// The hostile set of issue 14: mail as it arrives from outside, built to break a naive pipeline (NUL bytes and lone
// surrogates where PostgreSQL refuses them, sizes beyond what columns and indexes take, garbage that is no email at
// all). Each message has a tag in its Message-ID (or, for the garbage, none) so a test can find its log row.
import { randomBytes } from 'node:crypto';

export interface HostileMessage {
  /** What it is, for failure messages. */
  name: string;
  /** The raw message. */
  raw: Buffer;
  /** Its Message-ID (undefined: it has none). The log may keep it changed (a NUL taken out, or made U+FFFD by the
   * IMAP server): `messageIdPattern` finds it either way. */
  messageId?: string;
  /** A LIKE pattern for the Message-ID as logged. */
  messageIdPattern?: string;
}

const CRLF = '\r\n';

function eml(headers: string[], body: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(headers.join(CRLF) + CRLF + CRLF, 'latin1'), Buffer.from(body)]);
}

/**
 * The hostile set, sent to `to` (the mailbox's owner) by `known` (a contact of the CRM, so most are saved at `full`
 * and reach the CRM's writes too). `date` is their Date header.
 */
export function hostileSet(tag: string, to: string, known: string, date: Date): HostileMessage[] {
  const id = (name: string) => `${name}.${tag}@hostile.example`;
  const head = (name: string, from = known, subject = `About ${name}`) => [
    `Message-ID: <${id(name)}>`,
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0',
  ];
  const text = 'Content-Type: text/plain; charset=utf-8';
  const messages: HostileMessage[] = [];
  // The Message-ID as a LIKE pattern: a NUL in it may be logged removed, or as U+FFFD (Dovecot makes it 0x80).
  const add = (name: string, raw: Buffer, messageId: string | null = id(name)) =>
    messages.push({
      name,
      raw,
      ...(messageId === null ? {} : { messageId, messageIdPattern: messageId.replace('\0', '%') }),
    });

  // The issue's own case: an encoded NUL in the subject, from an unknown sender (so skipped), then from a contact.
  add(
    'nul-subject-unknown',
    eml(
      [...head('nul-subject-unknown', 'Nobody <nobody@unknown.example>', '=?utf-8?q?hello=00world?='), text],
      'Hi',
    ),
  );
  add('nul-subject', eml([...head('nul-subject', known, '=?utf-8?q?hello=00world?='), text], 'Hi'));
  // A lone surrogate (UTF-16 high half with nothing after it) in the subject.
  add('lone-surrogate', eml([...head('lone-surrogate', known, '=?utf-16be?b?2ABBAEI=?='), text], 'Hi'));
  // A NUL byte inside the Message-ID itself.
  const nulId = `nul-message\0id.${tag}@hostile.example`;
  add(
    'nul-message-id',
    eml([`Message-ID: <${nulId}>`, ...head('nul-message-id').slice(1), text], 'Hi'),
    nulId,
  );
  // NUL bytes in the body: a text part whose content is a GIF (a real case), and plain NULs.
  const gif = Buffer.concat([Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00', 'latin1'), randomBytes(64)]);
  add(
    'nul-body',
    eml(
      [...head('nul-body'), 'Content-Type: text/plain; charset=utf-8'],
      Buffer.concat([gif, Buffer.from('\0\0end')]),
    ),
  );
  // A NUL in the sender's display name.
  add(
    'nul-display-name',
    eml(
      [
        ...head(
          'nul-display-name',
          `=?utf-8?q?Jane=00Doe?= <${known.replace(/.*</, '').replace(/>.*/, '')}>`,
        ),
        text,
      ],
      'Hi',
    ),
  );
  // A 100 KB subject.
  add('huge-subject', eml([...head('huge-subject', known, 'S'.repeat(100 * 1024)), text], 'Hi'));
  // 64 KB of header fields.
  const filler = Array.from({ length: 1024 }, (_, i) => `X-Filler-${i}: ${'f'.repeat(50)}`);
  add('huge-headers', eml([...head('huge-headers'), ...filler, text], 'Hi'));
  // Binary garbage: no email at all (no Message-ID, no sender).
  add('garbage', Buffer.concat([Buffer.from('\0\x01\x02garbage'), randomBytes(4096)]), null);
  // 5,000 recipients in Cc.
  const cc = Array.from({ length: 5000 }, (_, i) => `person${i}@acme.com`).join(`,${CRLF} `);
  add('many-recipients', eml([...head('many-recipients'), `Cc: ${cc}`, text], 'Hi all'));
  // A 12 MB attachment.
  const boundary = `b-${tag}`;
  const attachment = randomBytes(12 * 1024 * 1024)
    .toString('base64')
    .replace(/.{76}/g, `$&${CRLF}`);
  add(
    'huge-attachment',
    eml(
      [...head('huge-attachment'), `Content-Type: multipart/mixed; boundary="${boundary}"`],
      [
        `--${boundary}`,
        text,
        '',
        'See attached.',
        `--${boundary}`,
        'Content-Type: application/octet-stream; name="big.bin"',
        'Content-Disposition: attachment; filename="big.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        attachment,
        `--${boundary}--`,
        '',
      ].join(CRLF),
    ),
  );
  return messages;
}

/** An ordinary email from `known` to `to`, sent after the hostile set: it must be saved in the same run. */
export function ordinaryEmail(tag: string, to: string, known: string, date: Date): HostileMessage {
  const messageId = `ordinary.${tag}@hostile.example`;
  return {
    name: 'ordinary',
    messageId,
    messageIdPattern: messageId,
    raw: eml(
      [
        `Message-ID: <${messageId}>`,
        `From: ${known}`,
        `To: ${to}`,
        'Subject: An ordinary email',
        `Date: ${date.toUTCString()}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
      ],
      'Nothing special.',
    ),
  };
}
