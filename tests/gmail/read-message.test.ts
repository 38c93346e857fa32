import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMessage } from '../../gmail-addon/apps-script/read-message';
import type { GmailMessageApi } from '../../gmail-addon/apps-script/globals';
import { sidebarCard } from '../../gmail-addon/card-model';
import { emlToMessage } from '../../server/providers/eml-to-message';
import { buildSidebarView, decideAutoshare, type AutoshareContext } from '../../src';

// The open Gmail message as the core reads it: a missing Message-ID is never invented, and is keyed exactly as the
// Gmail sync source keys the same email (which reads the raw message), so the card says it cannot be saved.

const ctx = JSON.parse(
  readFileSync(join(__dirname, '../../examples/context.json'), 'utf8'),
) as AutoshareContext;

function gmailMessage(headers: Record<string, string>): GmailMessageApi {
  return {
    getId: () => '18c0ffee',
    getFrom: () => 'Jane Doe <jane.doe@acme.com>',
    getTo: () => 'sam@ourco.com',
    getCc: () => '',
    getBcc: () => '',
    getSubject: () => 'No id',
    getDate: () => new Date('2026-11-20T10:00:00Z'),
    getHeader: (name) => headers[name.toLowerCase()] ?? '',
    getPlainBody: () => '',
    getThread: () => ({ getId: () => 'thread-1' }),
    isDraft: () => false,
    isInTrash: () => false,
    isInInbox: () => true,
    getAttachments: () => [],
  };
}

const eml = (messageId?: string) =>
  Buffer.from(
    [
      'From: Jane Doe <jane.doe@acme.com>',
      'To: sam@ourco.com',
      'Subject: No id',
      'Date: Fri, 20 Nov 2026 10:00:00 +0000',
      ...(messageId ? [`Message-ID: ${messageId}`] : []),
      '',
      'Hello',
      '',
    ].join('\r\n'),
  );

describe('the Gmail add-on reads the open message', () => {
  test('without a Message-ID header: no invented id, the same key as the Gmail source, and the card says so', async () => {
    const read = readMessage(gmailMessage({}), 'sam@ourco.com', false);
    expect(read.internetMessageId).toBe('');
    expect(read.internetMessageId).toBe((await emlToMessage(eml(), 'inbox')).internetMessageId);
    // The sync would not save it: neither does the card offer to.
    expect(decideAutoshare(read, ctx)).toMatchObject({ action: 'skip', reason: 'invalid_message' });
    const card = sidebarCard(buildSidebarView(read, ctx));
    const texts = card.sections.flatMap((s) => s.widgets).map((w) => ('text' in w ? w.text : ''));
    expect(texts).toContain(
      'This email has no Message-ID header, so Liaison cannot save it; autosharing skips it for the same reason.',
    );
    expect(card.footer).toBeUndefined();
    expect(card.sections.map((s) => s.header)).not.toContain('Save this email');
  });

  test('with the header: the id as the Gmail source reads it', async () => {
    const read = readMessage(gmailMessage({ 'message-id': '<abc@mail.acme.com>' }), 'sam@ourco.com', false);
    expect(read.internetMessageId).toBe('<abc@mail.acme.com>');
    expect(read.internetMessageId).toBe(
      (await emlToMessage(eml('<abc@mail.acme.com>'), 'inbox')).internetMessageId,
    );
    const card = sidebarCard(buildSidebarView(read, ctx));
    expect(card.footer?.text).toBe('Save to CRM');
  });
});
