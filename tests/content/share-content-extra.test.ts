import { shareContent, type MailMessage } from '../../src';

const message: MailMessage = {
  internetMessageId: '<m@x>',
  folder: 'sent',
  from: { address: ' Sam@OurCo.com ', name: 'Sam' },
  to: [{ address: 'jane@acme.com' }, { address: 'tom@acme.com' }],
  cc: [],
  bcc: [{ address: 'secret@hidden.io' }],
  subject: 'Quote',
  sentAt: '2026-03-01T10:00:00+01:00',
  bodyText: 'Here it is.',
  attachments: [{ name: 'quote.pdf', size: 1234, contentType: 'application/pdf' }],
};

describe('shareContent edge cases', () => {
  test('no Cc line when Cc is empty; addresses trimmed and as written', () => {
    expect(shareContent(message, 'subject').body).toBe(
      'From: Sam@OurCo.com\nTo: jane@acme.com, tom@acme.com\nDate: 2026-03-01T10:00:00+01:00',
    );
  });

  test('an unknown level shares the least', () => {
    expect(shareContent(message, 'everything' as never)).toEqual(shareContent(message, 'metadata'));
  });

  test('malformed input never throws', () => {
    expect(() => shareContent(null as never, 'full')).not.toThrow();
    expect(shareContent({ to: 'x' } as never, 'full').body).toBe('From: \nTo: \nDate: \n\n');
  });
});
