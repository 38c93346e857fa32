/**
 * Processes sharing one Salesforce connection through the database (the server and its workers): one refresh at a
 * time under a lease in the connection's row, the others reuse the access token it stored; a rotated refresh token
 * is stored sealed at once; only a refresh token Salesforce really refused turns the organisation Inactive.
 */
import { randomBytes } from 'node:crypto';
import { start, type Emulator } from '../../emulators/salesforce';
import { SecretBox } from '../../../server/secrets';
import { getCrmConnection } from '../../../server/db/crm-connection-repo';
import {
  openConfiguredCrm,
  storeSalesforceGrant,
  type CrmWiring,
} from '../../../server/crm/salesforce-connection';
import { DbTokenStore } from '../../../server/crm/salesforce-token-store';
import type { SalesforceCrmAdapter, StoredSalesforceConnection } from '../../../server/crm/salesforce';
import { backends, useTestDatabase } from '../../support/db/test-databases';

describe.each(backends)('Salesforce tokens shared through the database (%s)', (backend) => {
  const t = useTestDatabase(backend);
  let sf: Emulator;
  let wiring: CrmWiring;
  const box = new SecretBox({ current: randomBytes(32), previous: [] });

  beforeAll(async () => {
    sf = await start();
  });
  afterAll(() => sf.stop());

  /** Connects (as the admin's consent would) and opens `n` adapters, as `n` processes would at start. */
  async function connect(n: number): Promise<SalesforceCrmAdapter[]> {
    wiring = {
      db: t.db,
      secrets: box,
      salesforce: {
        app: { clientId: sf.clientId, clientSecret: sf.clientSecret, redirectUri: 'http://127.0.0.1/cb' },
        options: {},
        allowedLoginUrls: [],
      },
    };
    const s = sf.session();
    await storeSalesforceGrant(
      wiring,
      {
        loginUrl: sf.url,
        instanceUrl: s.instanceUrl,
        accessToken: s.accessToken,
        refreshToken: s.refreshToken,
        salesforceOrgId: '00D5g000004ABCDEAQ',
        salesforceUserId: sf.store.defaultUserId,
      },
      new Date(),
    );
    const out: SalesforceCrmAdapter[] = [];
    for (let i = 0; i < n; i++) out.push((await openConfiguredCrm(wiring)) as SalesforceCrmAdapter);
    return out;
  }

  const stored = async () => {
    const row = await getCrmConnection<StoredSalesforceConnection & { refreshLease?: unknown }>(
      t.db,
      'salesforce',
    );
    if (!row) throw new Error('no connection stored');
    return row;
  };

  beforeEach(() => {
    sf.counts.reset();
    sf.faults.clear();
    sf.oauth.rotateRefreshTokens = false;
  });

  it('a new process reuses the stored access token: no refresh at start', async () => {
    const [a] = await connect(1);
    await expect(a?.findAccountsByDomains(['a.test'])).resolves.toEqual([]);
    expect(sf.counts.of('token')).toBe(0);
  });

  it('four processes meeting an expired session refresh once; the others reuse the new token', async () => {
    const adapters = await connect(4);
    sf.oauth.expireAccessTokens();
    const before = { ...sf.oauth.refreshes };
    await Promise.all(adapters.map((a) => a.findAccountsByDomains(['a.test'])));
    expect(sf.counts.of('token')).toBe(1);
    expect(sf.oauth.refreshes).toEqual({ ...before, granted: before.granted + 1 });
    const row = await stored();
    expect(row.status).toBe('active');
    expect(row.connection.refreshLease).toBeUndefined();
    // The new access token is stored sealed, never in clear.
    const fresh = new DbTokenStore(t.db, box, 'organisation');
    const tokens = await fresh.read();
    expect(sf.oauth.userFor(tokens?.accessToken ?? '')).toBe(sf.store.defaultUserId);
    expect(JSON.stringify(row.connection)).not.toContain(tokens?.accessToken);
  });

  it('a rotated refresh token is stored sealed at once, and every process refreshes with it', async () => {
    const adapters = await connect(2);
    const [a, b] = adapters;
    const first = (await stored()).connection.sealedRefreshToken;
    sf.oauth.rotateRefreshTokens = true;
    sf.oauth.expireAccessTokens();
    await a?.findAccountsByDomains(['a.test']);
    const row = await stored();
    expect(row.connection.sealedRefreshToken).not.toBe(first);
    const current = await new DbTokenStore(t.db, box, 'organisation').read();
    expect(sf.oauth.refreshTokenValid(current?.refreshToken ?? '')).toBe(true);
    expect(JSON.stringify(row.connection)).not.toContain(current?.refreshToken);
    // b still holds the first refresh token in memory; reusing it would revoke the consent. It uses the stored one.
    sf.oauth.expireAccessTokens();
    await expect(b?.findAccountsByDomains(['b.test'])).resolves.toEqual([]);
    // And a process started now works without refreshing.
    const [c] = [(await openConfiguredCrm(wiring)) as SalesforceCrmAdapter];
    sf.counts.reset();
    await c?.findAccountsByDomains(['c.test']);
    expect(sf.counts.of('token')).toBe(0);
    expect(sf.oauth.refreshes.refused).toBe(0);
    expect((await stored()).status).toBe('active');
  });

  it('collisions with a refresh outside the lease are retried; a real revocation turns the org Inactive', async () => {
    const [a] = await connect(1);
    sf.oauth.expireAccessTokens();
    sf.faults.add({
      kind: 'token',
      error: 'invalid_grant',
      description: 'token request is already being processed',
      times: 1,
    });
    await expect(a?.findAccountsByDomains(['a.test'])).resolves.toEqual([]);
    expect((await stored()).status).toBe('active');

    sf.oauth.revokeAll();
    await expect(a?.findAccountsByDomains(['a.test'])).rejects.toMatchObject({
      name: 'SalesforceConsentRevokedError',
    });
    const row = await stored();
    expect(row.status).toBe('inactive');
    expect(row.connection.refreshLease).toBeUndefined();
  });

  it('the lease: exclusive while it runs, taken over once expired (a crashed holder), given back on save', async () => {
    await connect(0);
    const store = new DbTokenStore(t.db, box, 'organisation');
    const before = await store.read();
    expect(await store.claim('a', 60_000)).toBe(true);
    expect(await store.claim('b', 60_000)).toBe(false);
    expect(await store.claim('a', 60_000)).toBe(true); // the holder renews
    await store.release('b'); // not b's to give back
    expect(await store.claim('b', 60_000)).toBe(false);
    // a "crashes" with a lease that has run out: b takes it over.
    expect(await store.claim('a', -1)).toBe(true);
    expect(await store.claim('b', 60_000)).toBe(true);
    // Saving gives the lease back; a save based on a refresh token no longer stored changes nothing.
    await store.save(
      'b',
      { accessToken: 'at-1', refreshToken: before?.refreshToken ?? '' },
      before?.refreshToken ?? '',
    );
    expect((await stored()).connection.refreshLease).toBeUndefined();
    expect((await store.read())?.accessToken).toBe('at-1');
    await store.save('c', { accessToken: 'at-2', refreshToken: 'other' }, 'not-the-stored-token');
    expect(await store.read()).toMatchObject({ accessToken: 'at-1', refreshToken: before?.refreshToken });
  });
});
