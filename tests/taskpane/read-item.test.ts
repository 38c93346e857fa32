import { OfficeMockObject } from 'office-addin-mock';
import { threadHeaderFields } from '../../taskpane/src/office/internet-headers';
import { readContent, readEnvelope } from '../../taskpane/src/office/read-item';
import type { ReadItemLike } from '../../taskpane/src/office/office-like';

// Reading the open item through office-js, on office-addin-mock's Outlook: the envelope when the item opens, the
// body and attachment names only when asked (at save time).

const message = {
  itemType: 'message',
  itemId: 'AAMkAD-1',
  internetMessageId: '<renewal-1@acme.com>',
  conversationId: 'AAQkAD-conv',
  subject: 'Renewal: updated quote?',
  dateTimeCreated: new Date('2026-03-02T09:30:00Z'),
  from: { emailAddress: 'jane.doe@acme.com', displayName: 'Jane Doe' },
  to: [{ emailAddress: 'admin@ourco.com', displayName: 'Dana Admin' }],
  cc: [{ emailAddress: 'john.smith@acme.com', displayName: '' }],
  attachments: [
    { name: 'quote.pdf', size: 1200, contentType: 'application/pdf', isInline: false },
    { name: 'logo.png', size: 300, contentType: 'image/png', isInline: true },
  ],
  body: {
    text: 'Could you send the updated quote?',
    getAsync(coercionType: string, callback: (r: { status: string; value: string }) => void) {
      callback({ status: coercionType === 'text' ? 'succeeded' : 'failed', value: this.text });
    },
  },
};

function mockItem(data: object): ReadItemLike {
  const office = new OfficeMockObject({
    host: 'outlook',
    context: { mailbox: { item: data } },
  }) as unknown as {
    context: { mailbox: { item: ReadItemLike } };
  };
  return office.context.mailbox.item;
}

describe('readEnvelope', () => {
  test('a received message: from, to, cc, subject, date, Message-ID and conversation id; no body', () => {
    expect(readEnvelope(mockItem(message), 'admin@ourco.com')).toEqual({
      internetMessageId: '<renewal-1@acme.com>',
      threadId: 'AAQkAD-conv',
      folder: 'inbox',
      from: { address: 'jane.doe@acme.com', name: 'Jane Doe' },
      to: [{ address: 'admin@ourco.com', name: 'Dana Admin' }],
      cc: [{ address: 'john.smith@acme.com' }],
      bcc: [],
      subject: 'Renewal: updated quote?',
      sentAt: '2026-03-02T09:30:00.000Z',
    });
  });

  test("mail from the user's own address reads as sent, whatever the case", () => {
    const sent = mockItem({ ...message, from: { emailAddress: 'Admin@OurCo.com', displayName: 'Dana' } });
    expect(readEnvelope(sent, 'admin@ourco.com').folder).toBe('sent');
  });

  test('an appointment: organizer, required and optional attendees, its start, its item id', () => {
    const appointment = mockItem({
      itemType: 'appointment',
      itemId: 'AAMkAD-appt',
      subject: 'Renewal call',
      start: new Date('2026-03-05T15:00:00Z'),
      organizer: { emailAddress: 'jane.doe@acme.com', displayName: 'Jane Doe' },
      requiredAttendees: [{ emailAddress: 'admin@ourco.com', displayName: 'Dana Admin' }],
      optionalAttendees: [{ emailAddress: 'john.smith@acme.com', displayName: 'John Smith' }],
    });
    expect(readEnvelope(appointment, 'admin@ourco.com')).toMatchObject({
      internetMessageId: 'AAMkAD-appt',
      from: { address: 'jane.doe@acme.com' },
      to: [{ address: 'admin@ourco.com' }],
      cc: [{ address: 'john.smith@acme.com' }],
      sentAt: '2026-03-05T15:00:00.000Z',
    });
  });

  test('missing fields give empty values, never a throw', () => {
    expect(readEnvelope(mockItem({ itemType: 'message' }), undefined)).toEqual({
      internetMessageId: '',
      folder: 'inbox',
      from: { address: '' },
      to: [],
      cc: [],
      bcc: [],
      subject: '',
      sentAt: '',
    });
  });
});

describe('readContent', () => {
  test('the body as text and the attachment names, inline images left out', async () => {
    expect(await readContent(mockItem(message))).toEqual({
      bodyText: 'Could you send the updated quote?',
      attachments: [{ name: 'quote.pdf', size: 1200, contentType: 'application/pdf' }],
    });
  });

  test('at full, the files through getAttachmentContentAsync within the limit; a link or a file past it named only', async () => {
    const asked: string[] = [];
    const item = mockItem({
      ...message,
      attachments: [
        { id: 'a1', name: 'quote.pdf', size: 1200, contentType: 'application/pdf', isInline: false },
        {
          id: 'a2',
          name: 'deck.pptx',
          size: 5000,
          contentType: 'application/vnd.ms-powerpoint',
          isInline: false,
        },
        { id: 'a3', name: 'shared.docx', size: 10, contentType: 'application/msword', isInline: false },
        { id: 'a4', name: 'terms.txt', size: 20, contentType: 'text/plain', isInline: false },
      ],
      getAttachmentContentAsync(id: string, cb: (r: object) => void) {
        asked.push(id);
        const value =
          id === 'a3'
            ? { format: 'url', content: 'https://contoso.sharepoint.com/shared.docx' }
            : { format: 'base64', content: `QUJD${id}` };
        cb({ status: 'succeeded', value });
      },
    });
    const read = await readContent(item, { files: { limitBytes: 2000 } });
    expect(read.attachments).toEqual([
      { name: 'quote.pdf', size: 1200, contentType: 'application/pdf', content: 'QUJDa1' },
      { name: 'deck.pptx', size: 5000, contentType: 'application/vnd.ms-powerpoint' },
      { name: 'shared.docx', size: 10, contentType: 'application/msword' },
      { name: 'terms.txt', size: 20, contentType: 'text/plain', content: 'QUJDa4' },
    ]);
    // The file past the limit is never read from Outlook; without `files` nothing is.
    expect(asked).toEqual(['a1', 'a3', 'a4']);
    asked.length = 0;
    await readContent(item);
    expect(asked).toEqual([]);
  });

  test('a body Outlook cannot read is an error, not an empty save', async () => {
    const failing = mockItem({
      ...message,
      body: {
        getAsync: (_: string, cb: (r: object) => void) =>
          cb({ status: 'failed', value: '', error: { message: 'item gone' } }),
      },
    });
    await expect(readContent(failing)).rejects.toThrow('item gone');
  });
});

// What Outlook's getAllInternetHeadersAsync gives (Mailbox 1.8): the whole header block, folded lines included.
const HEADER_BLOCK = [
  'Received: from mail.acme.com (10.0.0.1) by exchange.ourco.com',
  '\twith SMTP; Mon, 2 Mar 2026 09:30:00 +0000',
  'Message-ID: <renewal-2@acme.com>',
  'In-Reply-To: <renewal-1@acme.com>',
  'References: <renewal-0@acme.com>',
  ' <renewal-1@acme.com>',
  'Subject: Re: Renewal',
  '',
  '',
].join('\r\n');

describe('the thread header fields (Mailbox 1.8)', () => {
  const withHeaders = (answer: { status: string; value: string }) =>
    mockItem({
      ...message,
      getAllInternetHeadersAsync: (callback: (r: object) => void) => callback(answer),
    });

  test('References and In-Reply-To are read with the content when asked, unfolded', async () => {
    const content = await readContent(withHeaders({ status: 'succeeded', value: HEADER_BLOCK }), {
      headers: true,
    });
    expect(content.headers).toEqual({
      references: '<renewal-0@acme.com> <renewal-1@acme.com>',
      'in-reply-to': '<renewal-1@acme.com>',
    });
  });

  test("a thread's first email: the headers were read and hold neither field", async () => {
    const first = withHeaders({ status: 'succeeded', value: 'Message-ID: <renewal-0@acme.com>\r\n\r\n' });
    expect((await readContent(first, { headers: true })).headers).toEqual({});
  });

  test('without Mailbox 1.8, or when Outlook fails, no header fields at all (the email is not taken for a first)', async () => {
    const item = withHeaders({ status: 'succeeded', value: HEADER_BLOCK });
    expect(await readContent(item)).not.toHaveProperty('headers');
    expect(await readContent(mockItem(message), { headers: true })).not.toHaveProperty('headers');
    const failed = withHeaders({ status: 'failed', value: '' });
    expect(await readContent(failed, { headers: true })).not.toHaveProperty('headers');
  });

  test('only the thread fields, the first of each, and nothing from a body after the block', () => {
    expect(
      threadHeaderFields('references: <a@x>\nReferences: <b@x>\nX-Other: 1\n\nIn-Reply-To: <body@x>'),
    ).toEqual({ references: '<a@x>' });
  });
});
