import type { FakeMessage } from './apps-script-stand-ins';

/** A Gmail message from Jane Doe (Acme's contact in the demo CRM) to Sam, the demo rep. */
export const gmailMessage = (id: string, over: Partial<FakeMessage> = {}): FakeMessage => ({
  id,
  threadId: `gthread-${id}`,
  from: 'Jane Doe <jane.doe@acme.com>',
  to: 'Sam Seller <sam@ourco.com>',
  subject: `Renewal terms ${id}`,
  date: '2026-03-02T10:00:00Z',
  headers: { 'Message-ID': `<${id}@mail.acme.com>` },
  body: 'Please find the terms attached.',
  ...over,
});
