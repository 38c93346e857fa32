/** The login server: web-server flow through jsforce's OAuth2, the documented token response, OAuth errors. */
import { createHmac } from 'node:crypto';
import jsforce from 'jsforce';
import { start, type Emulator } from '.';
import { API_VERSION } from './connect';

let emu: Emulator;
beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.counts.reset());

const redirectUri = 'http://127.0.0.1/oauth/callback';

function oauth2() {
  return new jsforce.OAuth2({
    loginUrl: emu.url,
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    redirectUri,
  });
}

async function authorizeCode(): Promise<string> {
  const res = await fetch(oauth2().getAuthorizationUrl({ scope: 'api refresh_token', state: 's1' }), {
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect(location.searchParams.get('state')).toBe('s1');
  return location.searchParams.get('code') ?? '';
}

it('exchanges an authorization code for the documented token response, signature included', async () => {
  const code = await authorizeCode();
  const token = await oauth2().requestToken(code);
  expect(token).toEqual({
    access_token: expect.stringMatching(/^00D\w+!/),
    refresh_token: expect.any(String),
    signature: expect.any(String),
    scope: 'api refresh_token',
    instance_url: emu.url,
    id: expect.stringMatching(new RegExp(`^${emu.url}/id/00D\\w{15}/005\\w{15}$`)),
    token_type: 'Bearer',
    issued_at: expect.stringMatching(/^\d{13}$/),
  });
  const expected = createHmac('sha256', emu.clientSecret)
    .update(token.id + token.issued_at)
    .digest('base64');
  expect(token.signature).toBe(expected);

  const conn = new jsforce.Connection({
    oauth2: { loginUrl: emu.url, clientId: emu.clientId, clientSecret: emu.clientSecret, redirectUri },
    version: API_VERSION,
  });
  const user = await conn.authorize(await authorizeCode());
  expect(user.id).toBe(emu.store.defaultUserId);
  const identity = await conn.identity();
  expect(identity).toMatchObject({ user_id: emu.store.defaultUserId, email: 'integration@liaison.test' });
  expect(emu.counts.snapshot()).toMatchObject({ byKind: { authorize: 2, token: 2, identity: 1 }, api: 1 });
});

it('refuses a used code, a wrong secret and a revoked refresh token with OAuth errors', async () => {
  const code = await authorizeCode();
  await oauth2().requestToken(code);
  await expect(oauth2().requestToken(code)).rejects.toMatchObject({ name: 'invalid_grant' });
  const wrong = new jsforce.OAuth2({
    loginUrl: emu.url,
    clientId: emu.clientId,
    clientSecret: 'nope',
    redirectUri,
  });
  await expect(wrong.requestToken(await authorizeCode())).rejects.toMatchObject({ name: 'invalid_client' });

  const { refreshToken } = emu.session();
  await expect(oauth2().refreshToken(refreshToken)).resolves.toMatchObject({ token_type: 'Bearer' });
  await oauth2().revokeToken(refreshToken);
  await expect(oauth2().refreshToken(refreshToken)).rejects.toMatchObject({
    name: 'invalid_grant',
    message: 'expired access/refresh token',
  });
});

it('injects OAuth faults on the token endpoint', async () => {
  emu.faults.add({ kind: 'token', onCall: 1, error: 'invalid_grant' });
  const { refreshToken } = emu.session();
  await expect(oauth2().refreshToken(refreshToken)).rejects.toMatchObject({ name: 'invalid_grant' });
  await expect(oauth2().refreshToken(refreshToken)).resolves.toMatchObject({ token_type: 'Bearer' });
});

it('refuses a second refresh of the same token while the first is processed (Summer ’24, Winter ’25 wording)', async () => {
  const { refreshToken } = emu.session();
  const before = { ...emu.oauth.refreshes };
  // 300 ms of processing: the second request surely arrives meanwhile, however loaded the machine.
  emu.oauth.refreshProcessingMs = 300;
  const answers = await Promise.allSettled([
    oauth2().refreshToken(refreshToken),
    oauth2().refreshToken(refreshToken),
  ]).finally(() => {
    emu.oauth.refreshProcessingMs = 20;
  });
  expect(answers.map((a) => a.status).sort()).toEqual(['fulfilled', 'rejected']);
  const refused = answers.find((a): a is PromiseRejectedResult => a.status === 'rejected');
  expect(refused?.reason).toMatchObject({
    name: 'invalid_grant',
    message: 'token request is already being processed',
  });
  expect(emu.oauth.refreshes.granted - before.granted).toBe(1);
  expect(emu.oauth.refreshes.collisions - before.collisions).toBe(1);
  expect(emu.counts.of('token')).toBe(2);
  // Once the first is done the same token works again (no rotation).
  await expect(oauth2().refreshToken(refreshToken)).resolves.toMatchObject({ token_type: 'Bearer' });
});

it('rotation: each refresh answers a new refresh token; reusing the old one revokes them all', async () => {
  emu.oauth.rotateRefreshTokens = true;
  try {
    const { refreshToken } = emu.session();
    const first = await oauth2().refreshToken(refreshToken);
    expect(first.refresh_token).toEqual(expect.any(String));
    expect(first.refresh_token).not.toBe(refreshToken);
    const second = await oauth2().refreshToken(first.refresh_token ?? '');
    expect(emu.oauth.refreshTokenValid(first.refresh_token ?? '')).toBe(false);
    expect(emu.oauth.refreshTokenValid(second.refresh_token ?? '')).toBe(true);
    await expect(oauth2().refreshToken(refreshToken)).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'expired access/refresh token',
    });
    // The reuse looked like a stolen token: the current one and its access token are revoked too.
    expect(emu.oauth.refreshTokenValid(second.refresh_token ?? '')).toBe(false);
    expect(emu.oauth.userFor(second.access_token)).toBeUndefined();
  } finally {
    emu.oauth.rotateRefreshTokens = false;
  }
});

it('an OAuth fault can carry its own error_description', async () => {
  emu.faults.add({
    kind: 'token',
    onCall: 1,
    error: 'invalid_grant',
    description: 'token request is already being processed',
  });
  await expect(oauth2().refreshToken(emu.session().refreshToken)).rejects.toMatchObject({
    message: 'token request is already being processed',
  });
});
