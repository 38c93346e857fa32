import {
  graphSignInUrl,
  graphTokenProvider,
  redeemGraphCode,
  GRAPH_SIGN_IN_SCOPES,
} from '../../../../server/providers/microsoft';
import { MailSourceError } from '../../../../server/providers/mail-source';
import { startGraphEmulator, type GraphEmulator } from '../../../emulators/graph';
import { pkcePair } from '../../../emulators/pkce';
import { authConfig, connectGraph, REDIRECT_URI } from './connect';

let emu: GraphEmulator;
beforeEach(async () => {
  emu = await startGraphEmulator();
});
afterEach(async () => {
  await emu.stop();
});

describe('Graph sign-in and tokens (msal-node)', () => {
  test('the sign-in URL asks for the mail-read scopes and PKCE (S256); the browser flow gives a code msal redeems with the verifier', async () => {
    const { verifier, challenge } = pkcePair();
    const url = new URL(await graphSignInUrl(authConfig(emu), 'state-123', challenge));
    expect([url.searchParams.get('code_challenge'), url.searchParams.get('code_challenge_method')]).toEqual([
      challenge,
      'S256',
    ]);
    expect(url.origin + url.pathname).toBe(`${emu.url}/${emu.tenant}/oauth2/v2.0/authorize`);
    expect(url.searchParams.get('scope')?.split(' ').sort()).toEqual([...GRAPH_SIGN_IN_SCOPES].sort());
    expect(url.searchParams.get('state')).toBe('state-123');
    const redirect = await fetch(url, { redirect: 'manual' });
    const back = new URL(redirect.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe('state-123');
    const code = back.searchParams.get('code') ?? '';
    const grant = await redeemGraphCode(authConfig(emu), code, verifier);
    expect(grant.username).toBe('rep@contoso.com');
    expect(emu.oauth.pkce.verifiedS256).toBe(1);
    expect(grant.tokenCache).toContain('RefreshToken');
    // No discovery call went anywhere: the authority metadata was given to msal.
    expect(emu.log.of('discovery')).toHaveLength(0);
  });

  test('a reused code is refused as a sign-in to redo', async () => {
    const { verifier, challenge } = pkcePair();
    const code = emu.oauth.issueCode(REDIRECT_URI, { challenge, method: 'S256' });
    await redeemGraphCode(authConfig(emu), code, verifier);
    await expect(redeemGraphCode(authConfig(emu), code, verifier)).rejects.toMatchObject({ kind: 'auth' });
  });

  test('a code redeemed with another verifier than its challenge’s is refused (an intercepted code is useless)', async () => {
    const code = emu.oauth.issueCode(REDIRECT_URI, { challenge: pkcePair().challenge, method: 'S256' });
    await expect(redeemGraphCode(authConfig(emu), code, pkcePair().verifier)).rejects.toMatchObject({
      kind: 'auth',
    });
  });

  test('a 401 from Graph refreshes the token once and the sync goes on; the rotated cache is reported', async () => {
    const { source, caches } = await connectGraph(emu);
    const cursor = await source.initialCursor(new Date(Date.now() - 1000));
    emu.store.deliver('inbox', { subject: 'after refresh' });
    emu.oauth.expireAccessTokens();
    const before = caches.length;
    const batch = await source.fetchChanges(cursor);
    expect(batch.messages.map((m) => m.subject)).toEqual(['after refresh']);
    const statuses = emu.log.of('delta').map((r) => r.status);
    expect(statuses.slice(0, 2)).toEqual([401, 200]);
    expect(emu.log.of('token').length).toBe(2); // the code, then one refresh
    expect(caches.length).toBeGreaterThan(before);
  });

  test('an injected 401 also refreshes', async () => {
    const { source } = await connectGraph(emu);
    const cursor = await source.initialCursor(new Date(Date.now() - 1000));
    emu.faults.add({ kind: 'delta', onCall: 1, status: 401 });
    await expect(source.fetchChanges(cursor)).resolves.toMatchObject({ more: false });
    expect(emu.log.of('token').length).toBe(2);
  });

  test('revoked consent is consent_revoked; an expired refresh token is auth', async () => {
    const { source } = await connectGraph(emu);
    const cursor = await source.initialCursor(new Date(Date.now() - 1000));
    emu.oauth.revokeConsent();
    const revoked = await source.fetchChanges(cursor).catch((e: unknown) => e);
    expect(revoked).toBeInstanceOf(MailSourceError);
    expect(revoked).toMatchObject({ kind: 'consent_revoked' });

    const second = await connectGraph(emu);
    emu.oauth.expireRefreshTokens();
    const expired = await second.source.fetchChanges(cursor).catch((e: unknown) => e);
    expect(expired).toMatchObject({ kind: 'auth' });
  });

  test('an invalid_grant injected on the token endpoint is consent_revoked', async () => {
    const { source } = await connectGraph(emu);
    const cursor = await source.initialCursor(new Date(Date.now() - 1000));
    emu.oauth.expireAccessTokens();
    emu.faults.add({ kind: 'token', onCall: 1, status: 400, code: 'invalid_grant' });
    await expect(source.fetchChanges(cursor)).rejects.toMatchObject({ kind: 'consent_revoked' });
  });

  test('a bare refresh token works as a grant too', async () => {
    const tokenBody = await fetch(`${emu.url}/${emu.tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: emu.clientId,
        client_secret: emu.clientSecret,
        code: emu.oauth.issueCode(REDIRECT_URI),
        redirect_uri: REDIRECT_URI,
        scope: 'Mail.Read offline_access',
      }),
    }).then((r) => r.json() as Promise<{ refresh_token: string }>);
    const tokens = graphTokenProvider(authConfig(emu), { refreshToken: tokenBody.refresh_token });
    const access = await tokens.getAccessToken();
    expect(emu.oauth.validAccessToken(access)).toBe(true);
    expect(await tokens.getAccessToken()).toBe(access); // cached, no second refresh
    expect(emu.log.of('token')).toHaveLength(2);
  });
});
