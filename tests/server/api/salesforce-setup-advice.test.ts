import { start as startSalesforce, type Emulator } from '../../emulators/salesforce';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The admin's CRM status on an org where no admin created Task's Message-ID field: a sentence saying what to create
// for retry-safety (Liaison still saves each email once, through its ledger).

describe('GET /api/admin/crm on an org without Task’s Message-ID field (pglite server, Salesforce emulator)', () => {
  let sf: Emulator;
  let server: TestServer;
  beforeAll(async () => {
    sf = await startSalesforce({ taskExternalIdField: null });
    server = await startTestServer('pglite', {
      SALESFORCE_CLIENT_ID: sf.clientId,
      SALESFORCE_CLIENT_SECRET: sf.clientSecret,
      SALESFORCE_ALLOWED_LOGIN_URLS: sf.url,
    });
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    await sf?.stop();
  });

  test('says what to create on Task, once connected', async () => {
    const admin = await server.signIn(server.admin);
    const before = await server.call('GET', '/api/admin/crm', { as: admin });
    expect(before.body.advice).toBeUndefined();

    const connect = await server.call('POST', '/api/admin/crm/salesforce/connect', {
      as: admin,
      body: { login: { loginUrl: sf.url } },
    });
    const consent = await fetch(new URL(connect.body.authorizeUrl), { redirect: 'manual' });
    const callback = new URL(consent.headers.get('location') ?? '');
    const done = await fetch(`${server.url}${callback.pathname}${callback.search}`, {
      redirect: 'manual',
      headers: { cookie: admin.cookie },
    });
    expect(done.status).toBe(303);

    sf.counts.reset();
    const status = await server.call('GET', '/api/admin/crm', { as: admin });
    expect(status.body).toMatchObject({ kind: 'salesforce', salesforce: { connected: true } });
    expect(status.body.advice).toEqual([
      expect.stringContaining(
        'For retry-safety, create on Task a custom field Liaison_Message_Id__c of type Text(255), Unique ' +
          '(case-insensitive) and External ID, readable and editable by the integration user (field-level security).',
      ),
    ]);
    // Asked once per connection (Task's describe, and Event's for the meeting fields, which this org has).
    await server.call('GET', '/api/admin/crm', { as: admin });
    expect(sf.counts.snapshot().byKind.describe).toBe(2);
  });
});
