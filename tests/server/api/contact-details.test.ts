import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectMailbox } from '../../../server/db/mailboxes-repo';
import { deliverToMaildir } from '../../../server/providers/maildir/deliver-to-maildir';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// New records' prefill (issue 19) through the route, on both databases: the newest email from the address in the
// rep's own inbox (a Maildir here; each provider's search has its own test) is read for the request only; what its
// display name and signature say comes back with where each value came from; the organisation's display setting
// can hide it all; no mailbox, no email from them and bad input each get a sentence.

const eml = (from: string, subject: string, date: string, body: string) =>
  [
    `From: ${from}`,
    'To: Sam Seller <sam@ourco.com>',
    `Subject: ${subject}`,
    `Date: ${date}`,
    `Message-ID: <${subject.replace(/\W/g, '')}@customer.test>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
  ].join('\r\n');

describe.each(backends)('POST /api/records/details (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  let pat: string;
  let admin: string;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
    pat = await server.token('pat@ourco.com');
    admin = await server.token('admin@ourco.com');
    dir = await mkdtemp(join(tmpdir(), 'liaison-details-'));
    await deliverToMaildir(
      dir,
      'INBOX',
      eml(
        'Nina Patel <nina.patel@vertexhealth.com>',
        'Older',
        'Mon, 2 Mar 2026 09:00:00 +0000',
        'Thanks!\r\n\r\nBest,\r\nNina Patel\r\nIT Manager\r\nOld Employer Inc.\r\n',
      ),
      { mtime: new Date('2026-03-02T09:00:00Z') },
    );
    await deliverToMaildir(
      dir,
      'INBOX',
      eml(
        'Nina Patel <nina.patel@vertexhealth.com>',
        'Demo next week',
        'Tue, 3 Mar 2026 09:00:00 +0000',
        'Hi Sam,\r\n\r\nThanks again.\r\n\r\nBest,\r\nNina Patel\r\nDirector of IT at Vertex Health\r\np: 617 253 1000 x 331\r\n\r\n' +
          'On Mon, Mar 2, 2026 at 9:00 AM Sam Seller <sam@ourco.com> wrote:\r\n> Sam Seller\r\n> +1 212 736 4000\r\n',
      ),
      { mtime: new Date('2026-03-03T09:00:00Z') },
    );
    await connectMailbox(server.deps.db, {
      userId: server.sam.id,
      kind: 'maildir',
      settings: { dir },
      connectedAt: new Date('2026-01-01T00:00:00Z'),
      cursor: {},
    });
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const details = (as: string, body: unknown) => server.call('POST', '/api/records/details', { as, body });

  test("reads the newest email's signature, not the quoted reply, and says where each value came from", async () => {
    const res = await details(sam, { address: 'Nina.Patel@VertexHealth.com' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      shown: true,
      details: {
        firstName: { value: 'Nina', source: 'display name' },
        lastName: { value: 'Patel', source: 'display name' },
        title: { value: 'Director of IT', source: 'signature' },
        company: { value: 'Vertex Health', source: 'signature' },
        phones: [
          {
            number: '+16172531000',
            extension: '331',
            kind: 'phone',
            display: '+1 617 253 1000 ext. 331',
            source: 'signature',
          },
        ],
      },
      readFrom: { subject: 'Demo next week', sentAt: '2026-03-03T09:00:00.000Z' },
    });
  });

  test('the name the open email shows wins over the one in the inbox', async () => {
    const res = await details(sam, { address: 'nina.patel@vertexhealth.com', displayName: 'Patel, Nina M.' });
    expect(res.body.details.firstName).toEqual({ value: 'Nina M.', source: 'display name' });
  });

  test('no email from the address: the display name only, and why', async () => {
    const res = await details(sam, { address: 'new.person@example.org', displayName: 'New Person' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      shown: true,
      details: {
        firstName: { value: 'New', source: 'display name' },
        lastName: { value: 'Person', source: 'display name' },
        phones: [],
      },
      note: 'Your inbox has no email from new.person@example.org to read a signature from.',
    });
  });

  test('no mailbox connected: says so', async () => {
    const res = await details(pat, { address: 'nina.patel@vertexhealth.com' });
    expect(res.body.note).toBe('No mailbox is connected on My mailbox, so only the name shown was read.');
    expect(res.body.details).toEqual({ phones: [] });
  });

  test('bad input gets a sentence', async () => {
    const res = await details(sam, { address: 'not an address' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('"not an address" is not an email address.');
  });

  test('the organisation can hide details read from emails', async () => {
    const off = await server.call('PATCH', '/api/admin/organisation', {
      as: admin,
      body: { showExtractedInfo: false },
    });
    expect(off.status).toBe(200);
    try {
      const res = await details(sam, { address: 'nina.patel@vertexhealth.com' });
      expect(res.body).toEqual({
        shown: false,
        note: 'Your organisation does not show details read from emails.',
      });
    } finally {
      await server.call('PATCH', '/api/admin/organisation', { as: admin, body: { showExtractedInfo: true } });
    }
  });
});

describe.each(backends)('POST /api/records with the phones New records prefills (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  test('a lead keeps its phone and mobile; a phone longer than Salesforce keeps is refused with a sentence', async () => {
    const created = await server.call('POST', '/api/records', {
      as: sam,
      body: {
        kind: 'lead',
        email: 'nina.patel@vertexhealth.com',
        firstName: 'Nina',
        lastName: 'Patel',
        company: 'Vertex Health',
        title: 'Director of IT',
        phone: '+1 617 253 1000 ext. 331',
        mobilePhone: ' +1 617 555 0111 ',
      },
    });
    expect(created.status).toBe(200);
    const row = await server.deps.db
      .selectFrom('crm_leads')
      .select(['phone', 'mobile_phone', 'title', 'company'])
      .where('id', '=', created.body.ref.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      phone: '+1 617 253 1000 ext. 331',
      mobile_phone: '+1 617 555 0111',
      title: 'Director of IT',
      company: 'Vertex Health',
    });
    const long = await server.call('POST', '/api/records', {
      as: sam,
      body: { kind: 'contact', email: 'x@vertexhealth.com', lastName: 'X', phone: '1'.repeat(41) },
    });
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/phone/);
  });
});
