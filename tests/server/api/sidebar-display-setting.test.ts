import { recordSavedEmail } from '../../../server/db/ledger-repo';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The organisation's display setting ("show information extracted from emails in the activity history"), on both
// databases: off, the sidebar's recent activity leaves out what autosharing imported while manual saves and the
// CRM's own activities stay; on, everything shows.

const email = (id: string, from: string, over: Record<string, unknown> = {}) => ({
  internetMessageId: `<${id}@mail.test>`,
  threadId: `thread-${id}`,
  folder: 'inbox',
  from: { address: from },
  to: [{ address: 'sam@ourco.com' }],
  cc: [],
  bcc: [],
  subject: `Subject ${id}`,
  sentAt: '2026-03-02T10:00:00Z',
  ...over,
});

type Person = { ref: { id: string }; recentActivities: { subject: string }[] };

describe.each(backends)('the activity-history display setting (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
    admin = await server.token('admin@ourco.com');
    // One imported and one manual email for Bill Lumbergh, besides the demo's imported "Re: TPS reports".
    await server.deps.crm.saveActivities([
      {
        messageId: 'imported-1@mail.test',
        subject: 'Imported by autosharing',
        body: '',
        date: '2026-02-10T09:00:00Z',
        ownerId: 'usr-sam',
        who: [{ kind: 'contact', id: 'con-bill-lumbergh' }],
        mode: 'automatic',
      },
    ]);
    const saved = await server.call('POST', '/api/save', {
      as: sam,
      body: {
        message: email('manual-1', 'bill@initech.io', {
          subject: 'Saved by hand',
          sentAt: '2026-02-11T09:00:00Z',
        }),
        who: [{ kind: 'contact', id: 'con-bill-lumbergh' }],
      },
    });
    expect(saved.status).toBe(200);
  }, 90_000);
  afterAll(async () => server?.close());

  async function billsActivities(): Promise<string[]> {
    const res = await server.call('POST', '/api/sidebar', {
      as: sam,
      body: { message: email('open', 'bill@initech.io') },
    });
    expect(res.status).toBe(200);
    const bill = (res.body.people as Person[]).find((p) => p.ref.id === 'con-bill-lumbergh')!;
    return bill.recentActivities.map((a) => a.subject);
  }

  async function setDisplay(showExtractedInfo: boolean) {
    const res = await server.call('PATCH', '/api/admin/organisation', {
      as: admin,
      body: { showExtractedInfo },
    });
    expect(res.body.showExtractedInfo).toBe(showExtractedInfo);
  }

  test('on: imported and manual activities are in the recent activity', async () => {
    await setDisplay(true);
    expect(await billsActivities()).toEqual(['Saved by hand', 'Imported by autosharing', 'Re: TPS reports']);
  });

  test('off: what autosharing imported is left out, the manual save stays', async () => {
    await setDisplay(false);
    expect(await billsActivities()).toEqual(['Saved by hand']);
  });

  test('off, then on again: the imported activities show again', async () => {
    await setDisplay(false);
    await setDisplay(true);
    expect(await billsActivities()).toEqual(['Saved by hand', 'Imported by autosharing', 'Re: TPS reports']);
  });

  test('off: an activity the CRM cannot tell apart is left out when the ledger says autosharing saved it', async () => {
    // As a Salesforce org without the origin field looks: the CRM calls it nothing in particular.
    const [made] = await server.deps.crm.saveActivities([
      {
        messageId: 'unknown-origin@mail.test',
        subject: 'Saved by a sync, origin unknown to the CRM',
        body: '',
        date: '2026-02-12T09:00:00Z',
        who: [{ kind: 'contact', id: 'con-bill-lumbergh' }],
        mode: 'manual',
      },
    ]);
    await recordSavedEmail(server.deps.db, {
      messageId: 'unknown-origin@mail.test',
      activityId: made!.ok ? made!.id : '',
      links: [{ kind: 'contact', id: 'con-bill-lumbergh' }],
      savedBy: server.sam.id,
      mode: 'automatic',
    });
    await setDisplay(true);
    expect(await billsActivities()).toContain('Saved by a sync, origin unknown to the CRM');
    await setDisplay(false);
    expect(await billsActivities()).toEqual(['Saved by hand']);
  });

  test('off: the CRM (embedded) answers recent activities without the imported ones, CRM activities kept', async () => {
    const all = await server.deps.crm.recentActivities([{ kind: 'contact', id: 'con-jane-doe' }], 5);
    const shown = await server.deps.crm.recentActivities([{ kind: 'contact', id: 'con-jane-doe' }], 5, {
      hideImported: true,
    });
    expect(all['contact:con-jane-doe']!.map((a) => a.subject)).toEqual(['Renewal quote', 'Renewal kick-off']);
    expect(shown).toEqual(all); // Jane has a manual save and a meeting: nothing imported to leave out
    const bill = await server.deps.crm.recentActivities([{ kind: 'contact', id: 'con-bill-lumbergh' }], 5, {
      hideImported: true,
    });
    // The CRM alone knows its own origins (the ledger does the rest in the sidebar, test above).
    expect(bill['contact:con-bill-lumbergh']!.map((a) => a.subject)).toEqual([
      'Saved by a sync, origin unknown to the CRM',
      'Saved by hand',
    ]);
  });
});
