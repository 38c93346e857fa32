/** Connecting an org and keeping the connection: OAuth web-server flow, sealed tokens, refresh, revoked consent. */
import { randomBytes } from 'node:crypto';
import type { Emulator } from '../../../emulators/salesforce';
import { SecretBox } from '../../../../server/secrets';
import {
  exchangeSalesforceCode,
  openSalesforceSession,
  revokeSalesforceGrant,
  salesforceAuthorizeUrl,
  salesforceLoginUrl,
  sealSalesforceGrant,
  SalesforceConsentRevokedError,
  SalesforceCrmAdapter,
  type SalesforceApp,
} from '../../../../server/crm/salesforce';
import { validTokenSignature } from '../../../../server/crm/salesforce/salesforce-oauth';
import { MemoryTokenStore } from '../../../../server/crm/salesforce/token-refresh';
import { pkcePair } from '../../../emulators/pkce';
import { adapterFor, noSleep, startEmulator } from './sf-test-env';

let emu: Emulator;
let app: SalesforceApp;
const box = new SecretBox({ current: randomBytes(32), previous: [] });
const ORG = 'org';

beforeAll(async () => {
  emu = await startEmulator();
  app = {
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    redirectUri: 'http://127.0.0.1:9/admin/salesforce/callback',
  };
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.faults.clear();
  emu.counts.reset();
});

describe('login URLs', () => {
  it('production, sandbox, My Domain; anything else is refused', () => {
    expect(salesforceLoginUrl('production')).toBe('https://login.salesforce.com');
    expect(salesforceLoginUrl('sandbox')).toBe('https://test.salesforce.com');
    expect(salesforceLoginUrl({ myDomain: 'Acme' })).toBe('https://acme.my.salesforce.com');
    expect(salesforceLoginUrl({ myDomain: 'https://acme--uat.sandbox.my.salesforce.com/' })).toBe(
      'https://acme--uat.sandbox.my.salesforce.com',
    );
    expect(() => salesforceLoginUrl({ myDomain: 'evil.example.com' })).toThrow(/not a Salesforce My Domain/);
  });

  it('an explicit login URL must be https on Salesforce’s own hosts, unless its origin is allowed', () => {
    for (const ok of [
      'https://login.salesforce.com/',
      'https://test.salesforce.com',
      'https://acme.my.salesforce.com/some/path',
      'https://acme--uat.sandbox.my.salesforce.com',
    ])
      expect(salesforceLoginUrl({ loginUrl: ok })).toBe(new URL(ok).origin);
    for (const refused of [
      'http://login.salesforce.com',
      'https://login.salesforce.com.evil.example',
      'https://evil.example/my.salesforce.com',
      'https://acme.my.salesforce.com:8443',
      'http://127.0.0.1:8080',
    ])
      expect(() => salesforceLoginUrl({ loginUrl: refused })).toThrow(
        /is not a Salesforce login address: use login.salesforce.com, test.salesforce.com or your My Domain/,
      );
    expect(salesforceLoginUrl({ loginUrl: 'http://127.0.0.1:8080/x' }, ['http://127.0.0.1:8080'])).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('the authorize URL asks for api and refresh_token with the state and the PKCE challenge', () => {
    const url = new URL(salesforceAuthorizeUrl(app, salesforceLoginUrl('sandbox'), 'st-1', 'challenge-1'));
    expect(url.origin + url.pathname).toBe('https://test.salesforce.com/services/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: app.clientId,
      redirect_uri: app.redirectUri,
      scope: 'api refresh_token',
      state: 'st-1',
      code_challenge: 'challenge-1',
    });
  });
});

const PKCE = pkcePair();

async function consent(): Promise<string> {
  const res = await fetch(salesforceAuthorizeUrl(app, emu.url, 'st-2', PKCE.challenge), {
    redirect: 'manual',
  });
  const location = new URL(res.headers.get('location') ?? '');
  expect(location.searchParams.get('state')).toBe('st-2');
  return location.searchParams.get('code') ?? '';
}

describe('web server flow', () => {
  it('code → tokens (signature checked) → sealed at rest → a working adapter', async () => {
    const grant = await exchangeSalesforceCode(app, emu.url, await consent(), PKCE.verifier);
    expect(emu.oauth.pkce.verifiedS256).toBeGreaterThan(0);
    await expect(exchangeSalesforceCode(app, emu.url, await consent(), pkcePair().verifier)).rejects.toThrow(
      /invalid code verifier/,
    );
    expect(grant).toMatchObject({
      instanceUrl: emu.url,
      salesforceOrgId: expect.stringMatching(/^00D/),
      salesforceUserId: expect.stringMatching(/^005/),
    });
    const stored = sealSalesforceGrant(box, ORG, grant, '2025-01-01T00:00:00Z');
    expect(JSON.stringify(stored)).not.toContain(grant.refreshToken);
    expect(() => openSalesforceSession(box, 'another-org', stored, app)).toThrow(/failed authentication/);
    const adapter = new SalesforceCrmAdapter(openSalesforceSession(box, ORG, stored, app), {
      sleep: noSleep,
    });
    emu.counts.reset();
    await expect(adapter.findAccountsByDomains(['nothing.test'])).resolves.toEqual([]);
    // The code exchange's access token was stored sealed (not in clear) and is used: no refresh.
    expect(JSON.stringify(stored)).not.toContain(grant.accessToken);
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1 });
    await revokeSalesforceGrant(box, ORG, stored, app);
    await expect(adapter.findAccountsByDomains(['x.test'])).rejects.toBeInstanceOf(
      SalesforceConsentRevokedError,
    );
  });

  it('checks the token answer signature', async () => {
    const res = await fetch(`${emu.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: await consent(),
        client_id: app.clientId,
        client_secret: app.clientSecret,
        redirect_uri: app.redirectUri,
        code_verifier: PKCE.verifier,
      }),
    });
    const answer = (await res.json()) as { id: string; issued_at: string; signature: string };
    expect(validTokenSignature(app.clientSecret, answer)).toBe(true);
    expect(validTokenSignature(app.clientSecret, { ...answer, id: `${answer.id}x` })).toBe(false);
    expect(validTokenSignature('other secret', answer)).toBe(false);
  });
});

describe('session', () => {
  it('refreshes on INVALID_SESSION_ID without the caller noticing', async () => {
    const tokens: string[] = [];
    const adapter = adapterFor(emu, { onAccessToken: (t) => tokens.push(t) });
    emu.oauth.expireAccessTokens();
    await expect(adapter.findAccountsByDomains(['a.test'])).resolves.toEqual([]);
    expect(tokens).toHaveLength(1);
    expect(emu.counts.snapshot().byKind).toEqual({ query: 2, token: 1 });
  });

  it('revoked consent is a typed error with a reason, reported once, and no further calls are made', async () => {
    const revoked = jest.fn();
    const adapter = adapterFor(emu, { onConsentRevoked: revoked });
    emu.oauth.revokeAll();
    const err = await adapter.findPeopleByEmails(['a@b.test']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SalesforceConsentRevokedError);
    expect((err as SalesforceConsentRevokedError).reason).toMatch(/connect Salesforce again/);
    expect(revoked).toHaveBeenCalledTimes(1);
    expect(adapter.consentRevoked()).toBe(err);
    emu.counts.reset();
    await expect(
      adapter.saveActivities([
        { messageId: '<a@b>', subject: 's', body: '', date: '2025-01-01T00:00:00Z', who: [], mode: 'manual' },
      ]),
    ).rejects.toBe(err);
    expect(emu.counts.snapshot().total).toBe(0);
  });
  it('a call refused for revoked consent fails only after the revocation is recorded (no fire-and-forget write)', async () => {
    let recorded = false;
    const adapter = adapterFor(emu, {
      onConsentRevoked: () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            recorded = true;
            resolve();
          }, 50),
        ),
    });
    emu.oauth.revokeAll();
    await expect(adapter.findPeopleByEmails(['a@b.test'])).rejects.toBeInstanceOf(
      SalesforceConsentRevokedError,
    );
    expect(recorded).toBe(true);
  });
});

describe('limits', () => {
  it('exposes the daily API budget from Sforce-Limit-Info, and fetches it when nothing was called yet', async () => {
    const e2 = await startEmulator({ dailyApiLimit: 5000, apiUsed: 1200 });
    try {
      const adapter = adapterFor(e2);
      expect(adapter.apiUsage()).toBeUndefined();
      expect(await adapter.fetchApiUsage()).toEqual({ used: 1201, max: 5000 });
      await adapter.findAccountsByIds(['001000000000001AAA']);
      expect(adapter.apiUsage()).toEqual({ used: 1202, max: 5000 });
    } finally {
      await e2.stop();
    }
  });

  it('stops at once when the daily allowance is spent (resume later), instead of retrying', async () => {
    const e2 = await startEmulator({ dailyApiLimit: 3, apiUsed: 2 });
    try {
      noSleep.mockClear();
      const adapter = adapterFor(e2);
      await adapter.findAccountsByIds(['001000000000001AAA']);
      await expect(adapter.findAccountsByIds(['001000000000001AAA'])).rejects.toMatchObject({
        code: 'REQUEST_LIMIT_EXCEEDED',
        transient: true,
      });
      expect(noSleep).not.toHaveBeenCalled();
    } finally {
      await e2.stop();
    }
  });
});

describe('user mapping', () => {
  it('maps Liaison users to Salesforce users by email in one query; overrides win', async () => {
    const kim = emu.store.insert('User', { LastName: 'Kim', Email: 'Kim@OurCo.com' });
    emu.store.insert('User', { LastName: 'Old Kim', Email: 'kim2@ourco.com', IsActive: false });
    const adapter = adapterFor(emu);
    emu.counts.reset();
    const map = await adapter.mapUsers([
      { id: 'u1', addresses: ['kim2@ourco.com', 'kim@ourco.com'] },
      { id: 'u2', addresses: ['nobody@ourco.com'] },
      { id: 'u3', addresses: ['kim@ourco.com'], override: '005000000000099AAA' },
    ]);
    expect(map).toEqual({
      u1: { crmUserId: kim.Id, source: 'email', name: 'Kim' },
      u2: { crmUserId: null, source: 'none' },
      u3: { crmUserId: '005000000000099AAA', source: 'override' },
    });
    expect(emu.counts.snapshot().byKind).toEqual({ query: 1 });
  });
});

describe('login server trouble', () => {
  it('a refresh that fails for another reason than invalid_grant is retried, not taken for revoked consent', async () => {
    const adapter = adapterFor(emu);
    emu.oauth.expireAccessTokens();
    emu.faults.add({ kind: 'token', onCall: 1, error: 503 });
    await expect(adapter.findAccountsByDomains(['a.test'])).resolves.toEqual([]);
    expect(adapter.consentRevoked()).toBeUndefined();
    expect(emu.counts.of('token')).toBe(2);
  });
});

describe('refresh collisions and rotation', () => {
  const sameSession = (e: Emulator) => {
    const s = e.session();
    return {
      loginUrl: e.url,
      instanceUrl: s.instanceUrl,
      clientId: e.clientId,
      clientSecret: e.clientSecret,
      refreshToken: s.refreshToken,
      accessToken: s.accessToken,
    };
  };

  it('two connections refreshing one refresh token at once: the collision is retried, not revoked consent', async () => {
    // A slow login server (300 ms per refresh) so the second request surely arrives while the first is processed;
    // back-off capped at 100 ms so the retries outlast it.
    const slow = await startEmulator({ refreshProcessingMs: 300 });
    try {
      const sleep = jest.fn((ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 100))));
      const session = sameSession(slow);
      const revoked = jest.fn();
      const a = new SalesforceCrmAdapter(session, { sleep, onConsentRevoked: revoked });
      const b = new SalesforceCrmAdapter(session, { sleep, onConsentRevoked: revoked });
      slow.oauth.expireAccessTokens();
      await expect(
        Promise.all([a.findAccountsByDomains(['a.test']), b.findAccountsByDomains(['b.test'])]),
      ).resolves.toEqual([[], []]);
      expect(slow.oauth.refreshes.collisions).toBeGreaterThan(0);
      expect(revoked).not.toHaveBeenCalled();
      expect([a.consentRevoked(), b.consentRevoked()]).toEqual([undefined, undefined]);
    } finally {
      await slow.stop();
    }
  });

  it('connections sharing a token store refresh once; the others reuse the new access token', async () => {
    const session = sameSession(emu);
    const tokenStore = new MemoryTokenStore({
      refreshToken: session.refreshToken,
      accessToken: session.accessToken,
    });
    const adapters = [1, 2, 3].map(
      () => new SalesforceCrmAdapter(session, { sleep: noSleep, tokenStore, refreshPollMs: 5 }),
    );
    emu.oauth.expireAccessTokens();
    const before = { ...emu.oauth.refreshes };
    await Promise.all(adapters.map((x) => x.findAccountsByDomains(['a.test'])));
    expect(emu.counts.of('token')).toBe(1);
    expect(emu.oauth.refreshes).toEqual({ ...before, granted: before.granted + 1 });
  });

  it('"token request is already being processed" is retried with back-off', async () => {
    const adapter = adapterFor(emu);
    emu.oauth.expireAccessTokens();
    emu.faults.add({
      kind: 'token',
      error: 'invalid_grant',
      description: 'token request is already being processed',
      times: 2,
    });
    noSleep.mockClear();
    await expect(adapter.findAccountsByDomains(['a.test'])).resolves.toEqual([]);
    expect(adapter.consentRevoked()).toBeUndefined();
    expect(emu.counts.of('token')).toBe(3);
    expect(noSleep).toHaveBeenCalledTimes(2);
  });

  it('a rotated refresh token is used for the next refresh (the old one would revoke the consent)', async () => {
    const rotating = await startEmulator({ rotateRefreshTokens: true });
    try {
      const adapter = adapterFor(rotating);
      for (let i = 0; i < 3; i++) {
        rotating.oauth.expireAccessTokens();
        await expect(adapter.findAccountsByDomains(['a.test'])).resolves.toEqual([]);
      }
      expect(rotating.oauth.refreshes).toEqual({ granted: 3, collisions: 0, refused: 0 });
      expect(adapter.consentRevoked()).toBeUndefined();
    } finally {
      await rotating.stop();
    }
  });
});
