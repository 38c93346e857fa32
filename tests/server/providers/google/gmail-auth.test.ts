import { GMAIL_SCOPES, gmailSignInUrl, redeemGmailCode } from '../../../../server/providers/google';
import { MailSourceError } from '../../../../server/providers/mail-source';
import { startGmailEmulator, type GmailEmulator } from '../../../emulators/gmail';
import { pkcePair } from '../../../emulators/pkce';
import { authConfig, connectGmail, REDIRECT_URI } from './connect';

let emu: GmailEmulator;
beforeEach(async () => {
  emu = await startGmailEmulator();
});
afterEach(async () => {
  await emu.stop();
});

describe('Gmail sign-in and tokens (google-auth-library)', () => {
  test('the sign-in URL asks for offline, read-only mail access and PKCE (S256); the code and verifier give a refresh token', async () => {
    const { verifier, challenge } = pkcePair();
    const url = new URL(gmailSignInUrl(authConfig(emu), 'state-9', challenge));
    expect([url.searchParams.get('code_challenge'), url.searchParams.get('code_challenge_method')]).toEqual([
      challenge,
      'S256',
    ]);
    expect(url.origin + url.pathname).toBe(emu.endpoints.oauth2AuthBaseUrl);
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(GMAIL_SCOPES);
    expect(url.searchParams.get('state')).toBe('state-9');
    const redirect = await fetch(url, { redirect: 'manual' });
    const back = new URL(redirect.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe('state-9');
    const grant = await redeemGmailCode(authConfig(emu), back.searchParams.get('code') ?? '', verifier);
    expect(grant.refreshToken).toMatch(/^1\/\/0g/);
    expect(emu.oauth.pkce.verifiedS256).toBe(1);
  });

  test('a bad code is a sign-in to redo', async () => {
    await expect(redeemGmailCode(authConfig(emu), 'not-a-code', pkcePair().verifier)).rejects.toMatchObject({
      kind: 'auth',
    });
    const code = emu.oauth.issueCode(REDIRECT_URI, { challenge: pkcePair().challenge, method: 'S256' });
    await expect(redeemGmailCode(authConfig(emu), code, pkcePair().verifier)).rejects.toMatchObject({
      kind: 'auth',
    });
  });

  test('a 401 refreshes the access token and the sync goes on', async () => {
    const { source } = await connectGmail(emu);
    const cursor = await source.initialCursor(new Date());
    emu.store.deliver(['INBOX'], { subject: 'after refresh' });
    emu.oauth.expireAccessTokens();
    const tokensBefore = emu.log.of('token').length;
    const batch = await source.fetchChanges(cursor);
    expect(batch.messages.map((m) => m.subject)).toEqual(['after refresh']);
    expect(emu.log.of('history').map((r) => r.status)).toEqual([401, 200]);
    expect(emu.log.of('token').length).toBe(tokensBefore + 1);
  });

  test('revoked access is consent_revoked, also when revoked through the revoke endpoint', async () => {
    const { source } = await connectGmail(emu);
    const cursor = await source.initialCursor(new Date());
    emu.oauth.revokeConsent();
    const error = await source.fetchChanges(cursor).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSourceError);
    expect(error).toMatchObject({ kind: 'consent_revoked' });

    const again = await connectGmail(emu);
    await again.auth.revokeToken(again.grant.refreshToken);
    await expect(again.source.initialCursor(new Date())).rejects.toMatchObject({ kind: 'consent_revoked' });
  });

  test('an invalid_grant injected on the token endpoint is consent_revoked', async () => {
    const { source } = await connectGmail(emu);
    const cursor = await source.initialCursor(new Date());
    emu.oauth.expireAccessTokens();
    emu.faults.add({ kind: 'token', onCall: 1, status: 400, code: 'invalid_grant' });
    await expect(source.fetchChanges(cursor)).rejects.toMatchObject({ kind: 'consent_revoked' });
  });

  test('a demand to sign in again (invalid_rapt) is auth', async () => {
    const { source } = await connectGmail(emu);
    const cursor = await source.initialCursor(new Date());
    emu.oauth.requireReauth();
    await expect(source.fetchChanges(cursor)).rejects.toMatchObject({ kind: 'auth' });
  });
});
