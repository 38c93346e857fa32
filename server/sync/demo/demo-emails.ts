// The embedded demo's mail for Dana Admin (admin@ourco.com), over the demo CRM (demo-seed.ts): a known contact with
// an open opportunity, a reply in that thread, a lead, an unknown colleague at a known account (a new contact when
// auto-creation is on), internal mail and a newsletter. Dated when delivered, so rule 3 lets them through.
import { randomUUID } from 'node:crypto';

interface DemoEmail {
  from: string;
  to: string;
  cc?: string;
  subject: string;
  body: string;
  folder: 'INBOX' | 'Sent';
  headers?: Record<string, string>;
  replyTo?: number;
}

const ADMIN = 'Dana Admin <admin@ourco.com>';

const EMAILS: DemoEmail[] = [
  {
    from: 'Jane Doe <jane.doe@acme.com>',
    to: ADMIN,
    cc: 'John Smith <john.smith@acme.com>',
    subject: 'Renewal: updated quote?',
    body: 'Hi Dana,\n\nCould you send the updated renewal quote with the extra seats?\n\nThanks, Jane',
    folder: 'INBOX',
  },
  {
    from: ADMIN,
    to: 'Jane Doe <jane.doe@acme.com>',
    subject: 'Re: Renewal: updated quote?',
    body: 'Hi Jane,\n\nHere it is: 60 seats, same terms.\n\nDana',
    folder: 'Sent',
    replyTo: 0,
  },
  {
    from: 'Bruce Wayne <bruce@wayne-enterprises.com>',
    to: ADMIN,
    subject: 'Pricing for 500 seats',
    body: 'Dana, what would 500 seats cost us?\n\nBruce',
    folder: 'INBOX',
  },
  {
    from: 'Wile E. Coyote <wile.coyote@acme.com>',
    to: ADMIN,
    subject: 'Introduction: new purchasing lead at Acme',
    // A real-looking signature: New records' Create contact prefills the title and phones from it (issue 19).
    body:
      'Hello Dana, I am taking over purchasing for the UK office.\n\nBest regards,\n\nWile E. Coyote\n' +
      'Head of Purchasing, UK\nAcme Corporation\nT: +44 20 7946 0321\nM: +44 7400 123456\n',
    folder: 'INBOX',
  },
  {
    from: 'Sam Seller <sam@ourco.com>',
    to: ADMIN,
    subject: 'Lunch on Friday?',
    body: 'Internal mail stays out of the CRM.',
    folder: 'INBOX',
  },
  {
    from: 'Acme Newsletter <news@acme.com>',
    to: ADMIN,
    subject: 'Acme monthly: new anvils',
    body: 'Newsletters never become activities.',
    folder: 'INBOX',
    headers: { 'List-Id': '<monthly.news.acme.com>', Precedence: 'bulk' },
  },
];

/**
 * The demo's messages as RFC 5322 text, with fresh Message-IDs, dated `at`, for `rep` (a `Name <address>` mailbox;
 * the demo admin's by default): the preview gives each user a set they took part in, so they may save it.
 */
export function demoEmails(at: Date, rep = ADMIN): { folder: 'INBOX' | 'Sent'; eml: string }[] {
  const ids = EMAILS.map(() => `<demo-${randomUUID()}@ourco.com>`);
  const as = (mailbox: string) => (mailbox === ADMIN ? rep : mailbox);
  return EMAILS.map((demo, i) => {
    const e = { ...demo, from: as(demo.from), to: as(demo.to) };
    const parent = e.replyTo !== undefined ? ids[e.replyTo] : undefined;
    const lines = [
      `Message-ID: ${ids[i]}`,
      `From: ${e.from}`,
      `To: ${e.to}`,
      ...(e.cc ? [`Cc: ${e.cc}`] : []),
      `Subject: ${e.subject}`,
      `Date: ${new Date(at.getTime() + i * 1000).toUTCString()}`,
      ...(parent ? [`In-Reply-To: ${parent}`, `References: ${parent}`] : []),
      ...Object.entries(e.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      e.body,
      '',
    ];
    return { folder: e.folder, eml: lines.join('\r\n') };
  });
}
