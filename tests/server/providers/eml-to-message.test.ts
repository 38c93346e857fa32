import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emlHeadersToMessage, emlToMessage, headerBlockEnd } from '../../../server/providers/eml-to-message';
import { threadIdOf } from '../../../src';

describe('emlToMessage', () => {
  test('reads the envelope, header fields and body of a real .eml', async () => {
    const m = await emlToMessage(
      readFileSync(join(__dirname, '../../../examples/known-contact.eml')),
      'inbox',
    );
    expect(m.internetMessageId).toBe('<CAF1x9QkR2-renewal@mail.acme.com>');
    expect(m.from).toEqual({ address: 'jane.doe@acme.com', name: 'Doe, Jane' });
    expect(m.to).toEqual([{ address: 'sam@ourco.com', name: 'Sam Taylor' }]);
    expect(m.cc.map((a) => a.address)).toEqual(['tom.becker@acme.com', 'info@acme.com']);
    expect(m.sentAt).toBe('2026-11-17T09:42:00.000Z');
    expect(m.subject).toBe('Renewal quote for 2027');
    expect(m.bodyText).toMatch(/procurement lead/);
  });

  test('header fields for rule 4a and threading, with folded lines unfolded', async () => {
    const raw = [
      'Message-ID: <r2@x.io>',
      'Date: Wed, 18 Nov 2026 07:00:00 +0000',
      'From: a@x.io',
      'To: sam@ourco.com',
      'Subject: Re: hello',
      'In-Reply-To: <r1@x.io>',
      'References: <r0@x.io>',
      '\t<r1@x.io>',
      'Auto-Submitted: auto-replied; owner-email="a@x.io"',
      '',
      'body',
    ].join('\r\n');
    const m = await emlToMessage(raw, 'archive');
    expect(m.folder).toBe('archive');
    expect(m.headers?.['auto-submitted']).toBe('auto-replied; owner-email="a@x.io"');
    expect(m.headers?.references).toBe('<r0@x.io> <r1@x.io>');
    expect(threadIdOf(m)).toBe('r0@x.io');
  });

  test('a message without Date or From comes out empty there, for rule 0 to name', async () => {
    const m = await emlToMessage('Subject: nothing\r\n\r\nx');
    expect(m.sentAt).toBe('');
    expect(m.from.address).toBe('');
  });
});

describe('emlHeadersToMessage', () => {
  test('the same envelope and header fields as the whole parse, without body or attachments', async () => {
    const raw = readFileSync(join(__dirname, '../../../examples/known-contact.eml'));
    const whole = await emlToMessage(raw, 'sent');
    const head = await emlHeadersToMessage(raw.subarray(0, headerBlockEnd(raw)), 'sent');
    const { bodyText: _body, attachments: _attachments, ...envelope } = whole;
    expect(head).toEqual(envelope);
  });

  test('headerBlockEnd finds the blank line (CRLF or LF), or -1 when the block is not complete', () => {
    expect(headerBlockEnd(Buffer.from('A: 1\r\nB: 2\r\n\r\nbody'))).toBe(14);
    expect(headerBlockEnd(Buffer.from('A: 1\nB: 2\n\nbody'))).toBe(11);
    expect(headerBlockEnd(Buffer.from('A: 1\r\nB: 2\r\n'))).toBe(-1);
  });
});
