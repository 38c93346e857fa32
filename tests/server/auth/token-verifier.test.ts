import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedIssuer } from '../../../server/auth/embedded-issuer';
import { TokenError, type TokenErrorCode } from '../../../server/auth/token-error';
import { bearerToken, TokenVerifier } from '../../../server/auth/token-verifier';
import {
  MICROSOFT_CONSUMER_TENANT,
  trustedIssuersFromEnv,
  type TrustedIssuers,
} from '../../../server/auth/trusted-issuers';
import { OidcTestServer } from '../../support/oidc/oidc-test-server';

const MS_CLIENT = '6f1c6a5e-0d7b-4a57-9a0e-2c1b8b7f0a11';
const GOOGLE_CLIENT = '1234567890-abc.apps.googleusercontent.com';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const EMBEDDED_ISSUER = 'http://127.0.0.1:3000';
const NOW = new Date('2026-03-01T12:00:00Z');

let oidc: OidcTestServer;
let dataDir: string;
let embedded: EmbeddedIssuer;

beforeAll(async () => {
  oidc = await OidcTestServer.start();
  oidc.now = () => NOW;
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'liaison-verifier-'));
  embedded = await EmbeddedIssuer.open({ dataDir, issuer: EMBEDDED_ISSUER, now: () => NOW });
});

afterAll(async () => {
  await oidc.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

function trusted(overrides: Record<string, string> = {}): TrustedIssuers {
  return trustedIssuersFromEnv(
    {
      LIAISON_MS_CLIENT_ID: MS_CLIENT,
      LIAISON_MS_JWKS_URL: oidc.jwksUrl('microsoft'),
      LIAISON_MS_TENANT: TENANT,
      LIAISON_GOOGLE_CLIENT_ID: GOOGLE_CLIENT,
      LIAISON_GOOGLE_JWKS_URL: oidc.jwksUrl('google'),
      ...overrides,
    },
    { issuer: EMBEDDED_ISSUER, audiences: ['liaison'], jwks: embedded.jwks() },
  );
}

function verifier(overrides: Record<string, string> = {}, now: () => Date = () => NOW): TokenVerifier {
  return new TokenVerifier(trusted(overrides), { now, jwksCooldownMs: 0 });
}

async function refusal(promise: Promise<unknown>): Promise<TokenErrorCode> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenError) return error.code;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('accepted tokens', () => {
  test('a Microsoft nested-app-auth token gives oid, email and tenant', async () => {
    const token = await oidc.microsoftToken({
      tid: TENANT,
      aud: MS_CLIENT,
      oid: '00000000-0000-0000-0000-0000000000AA',
      preferred_username: 'Ada@Contoso.example',
    });
    await expect(verifier().verify(token)).resolves.toEqual({
      provider: 'microsoft',
      subject: '00000000-0000-0000-0000-0000000000aa',
      email: 'ada@contoso.example',
      tenantId: TENANT,
    });
  });

  test('Microsoft email falls back from email to preferred_username to upn', async () => {
    const withEmail = await oidc.microsoftToken({
      tid: TENANT,
      aud: MS_CLIENT,
      email: 'mail@contoso.example',
      preferred_username: 'login@contoso.example',
    });
    expect(await verifier().verify(withEmail)).toMatchObject({ email: 'mail@contoso.example' });
    const withUpn = await oidc.microsoftToken({
      tid: TENANT,
      aud: MS_CLIENT,
      preferred_username: '+15551234567',
      upn: 'upn@contoso.example',
    });
    expect(await verifier().verify(withUpn)).toMatchObject({ email: 'upn@contoso.example' });
  });

  test.each(['https://accounts.google.com', 'accounts.google.com'])(
    'a Google Apps Script identity token with issuer %s is accepted',
    async (iss) => {
      const token = await oidc.googleToken({
        aud: GOOGLE_CLIENT,
        iss,
        email: 'Grace@Example.com',
        sub: '110169484474386276334',
      });
      await expect(verifier().verify(token)).resolves.toEqual({
        provider: 'google',
        subject: '110169484474386276334',
        email: 'grace@example.com',
      });
    },
  );

  test('an embedded issuer token names the user by id, not by address', async () => {
    const token = await embedded.issue({ userId: 'user-42', audience: 'liaison' });
    await expect(verifier().verify(token)).resolves.toEqual({ provider: 'embedded', subject: 'user-42' });
  });

  test('listed tenants are accepted', async () => {
    const token = await oidc.microsoftToken({ tid: TENANT, aud: MS_CLIENT });
    const result = await verifier({ LIAISON_MS_TENANT: `${OTHER_TENANT}, ${TENANT.toUpperCase()}` }).verify(
      token,
    );
    expect(result).toMatchObject({ tenantId: TENANT });
  });

  test('a token a little past exp is still accepted within the clock tolerance', async () => {
    const token = await oidc.googleToken({ aud: GOOGLE_CLIENT }, { expiresIn: -10 });
    await expect(verifier().verify(token)).resolves.toMatchObject({ provider: 'google' });
  });
});

describe('refused tokens', () => {
  test.each([
    ['no token', undefined],
    ['an empty token', ''],
    ['garbage', 'not-a-jwt'],
    ['three garbage segments', 'aaa.bbb.ccc'],
  ])('%s is malformed', async (_name, token) => {
    await expect(refusal(verifier().verify(token))).resolves.toBe('malformed');
  });

  test('an unsigned (alg none) token is refused', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({
        iss: 'https://accounts.google.com',
        aud: GOOGLE_CLIENT,
        sub: '1',
        email: 'x@example.com',
        exp: Math.floor(NOW.getTime() / 1000) + 600,
      }),
    ).toString('base64url');
    await expect(refusal(verifier().verify(`${header}.${body}.`))).resolves.toBe('bad_signature');
  });

  test('a tampered payload fails the signature check', async () => {
    const token = await oidc.googleToken({ aud: GOOGLE_CLIENT });
    const [header, body, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as object;
    const forged = Buffer.from(JSON.stringify({ ...claims, email: 'ceo@example.com' })).toString('base64url');
    await expect(refusal(verifier().verify(`${header}.${forged}.${signature}`))).resolves.toBe(
      'bad_signature',
    );
  });

  test('a token signed by a key the provider does not publish is refused', async () => {
    const token = await oidc.microsoftToken({ tid: TENANT, aud: MS_CLIENT }, { unpublishedKey: true });
    await expect(refusal(verifier().verify(token))).resolves.toBe('unknown_key');
  });

  test('a token signed by another key under a published kid is a bad signature', async () => {
    const token = await oidc.microsoftToken(
      { tid: TENANT, aud: MS_CLIENT },
      { unpublishedKey: true, kid: oidc.currentKid('microsoft') },
    );
    await expect(refusal(verifier().verify(token))).resolves.toBe('bad_signature');
  });

  test('an expired token is refused', async () => {
    const token = await oidc.microsoftToken({ tid: TENANT, aud: MS_CLIENT }, { expiresIn: 3600 });
    const later = () => new Date(NOW.getTime() + 2 * 3600 * 1000);
    await expect(refusal(verifier({}, later).verify(token))).resolves.toBe('expired');
  });

  test('a token not valid yet is refused', async () => {
    const token = await oidc.microsoftToken(
      { tid: TENANT, aud: MS_CLIENT },
      { notBefore: 600, expiresIn: 3600 },
    );
    await expect(refusal(verifier().verify(token))).resolves.toBe('not_yet_valid');
  });

  test('a token for another application is refused', async () => {
    const ms = await oidc.microsoftToken({ tid: TENANT, aud: 'someone-elses-app' });
    await expect(refusal(verifier().verify(ms))).resolves.toBe('wrong_audience');
    const google = await oidc.googleToken({ aud: 'other.apps.googleusercontent.com' });
    await expect(refusal(verifier().verify(google))).resolves.toBe('wrong_audience');
    const own = await embedded.issue({ userId: 'user-1', audience: 'not-liaison' });
    await expect(refusal(verifier().verify(own))).resolves.toBe('wrong_audience');
  });

  test.each([
    'https://evil.example.com',
    'https://login.microsoftonline.com/tenant/v1.0',
    'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
    'https://accounts.google.com.evil.example',
  ])('issuer %s is unknown', async (iss) => {
    const token = await oidc.microsoftToken({ tid: TENANT, aud: MS_CLIENT, iss });
    await expect(refusal(verifier().verify(token))).resolves.toBe('unknown_issuer');
  });

  test('a provider without configuration is not trusted', async () => {
    const token = await oidc.googleToken({ aud: GOOGLE_CLIENT });
    const noGoogle = new TokenVerifier(
      trustedIssuersFromEnv({ LIAISON_MS_CLIENT_ID: MS_CLIENT, LIAISON_MS_TENANT: TENANT }),
      {
        now: () => NOW,
      },
    );
    await expect(refusal(noGoogle.verify(token))).resolves.toBe('unknown_issuer');
  });

  test("a tid that differs from the issuer's tenant is refused", async () => {
    const token = await oidc.microsoftToken({
      tid: OTHER_TENANT,
      aud: MS_CLIENT,
      iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    });
    await expect(refusal(verifier().verify(token))).resolves.toBe('wrong_tenant');
  });

  test('a tenant outside the configured list is refused', async () => {
    const token = await oidc.microsoftToken({ tid: OTHER_TENANT, aud: MS_CLIENT });
    await expect(refusal(verifier({ LIAISON_MS_TENANT: TENANT }).verify(token))).resolves.toBe(
      'wrong_tenant',
    );
  });

  test('personal Microsoft accounts and other tenants are refused: only the listed tenants sign in', async () => {
    const personal = await oidc.microsoftToken({ tid: MICROSOFT_CONSUMER_TENANT, aud: MS_CLIENT });
    await expect(refusal(verifier().verify(personal))).resolves.toBe('wrong_tenant');
    const other = await oidc.microsoftToken({ tid: OTHER_TENANT, aud: MS_CLIENT });
    await expect(verifier().verify(other)).rejects.toThrow(
      `accounts of the Microsoft tenant ${OTHER_TENANT} may not sign in to this Liaison`,
    );
  });

  test('a Microsoft token without an account id (oid) names nobody', async () => {
    const token = await oidc.microsoftToken({ tid: TENANT, aud: MS_CLIENT, oid: undefined });
    await expect(refusal(verifier().verify(token))).resolves.toBe('malformed');
  });

  test('a Google address not marked verified is refused, whether false or missing', async () => {
    const unverified = await oidc.googleToken({ aud: GOOGLE_CLIENT, email_verified: false });
    await expect(refusal(verifier().verify(unverified))).resolves.toBe('no_email');
    const unsaid = await oidc.googleToken({ aud: GOOGLE_CLIENT, email_verified: undefined });
    await expect(verifier().verify(unsaid)).rejects.toThrow(
      'the token’s email address is not verified by Google',
    );
  });

  test('with a Workspace domain set, a Google token must carry it as hd', async () => {
    const ours = verifier({ LIAISON_GOOGLE_WORKSPACE_DOMAIN: 'OurCo.com' });
    const member = await oidc.googleToken({ aud: GOOGLE_CLIENT, email: 'sam@ourco.com', hd: 'ourco.com' });
    await expect(ours.verify(member)).resolves.toMatchObject({ email: 'sam@ourco.com' });
    const otherDomain = await oidc.googleToken({
      aud: GOOGLE_CLIENT,
      email: 'sam@ourco.com',
      hd: 'example.com',
    });
    await expect(ours.verify(otherDomain)).rejects.toThrow(
      'only ourco.com Google Workspace accounts may sign in here, not example.com ones',
    );
    const consumer = await oidc.googleToken({ aud: GOOGLE_CLIENT, email: 'sam@ourco.com', hd: undefined });
    await expect(refusal(ours.verify(consumer))).resolves.toBe('wrong_tenant');
    // Without the setting, any verified Google address may name a user.
    await expect(verifier().verify(consumer)).resolves.toMatchObject({ provider: 'google' });
  });

  test('a token without any email is refused', async () => {
    const token = await oidc.microsoftToken({
      tid: TENANT,
      aud: MS_CLIENT,
      preferred_username: 'not-an-address',
    });
    await expect(refusal(verifier().verify(token))).resolves.toBe('no_email');
  });

  test('an unreachable key endpoint is reported as jwks_unavailable', async () => {
    const token = await oidc.googleToken({ aud: GOOGLE_CLIENT });
    const broken = verifier({ LIAISON_GOOGLE_JWKS_URL: `${oidc.baseUrl}/nowhere` });
    await expect(refusal(broken.verify(token))).resolves.toBe('jwks_unavailable');
  });
});

describe('key set caching and rotation', () => {
  test('the JWKS is fetched once and cached', async () => {
    const before = oidc.fetchCount('google');
    const cached = verifier();
    for (let i = 0; i < 5; i += 1) {
      await cached.verify(await oidc.googleToken({ aud: GOOGLE_CLIENT }));
    }
    expect(oidc.fetchCount('google') - before).toBe(1);
  });

  test('an unknown kid triggers one refetch, then the rotated key is cached', async () => {
    const cached = verifier();
    await cached.verify(await oidc.microsoftToken({ tid: TENANT, aud: MS_CLIENT }));
    const before = oidc.fetchCount('microsoft');

    await oidc.rotate('microsoft', { dropOld: true });
    const rotated = await oidc.microsoftToken({ tid: TENANT, aud: MS_CLIENT });
    await expect(cached.verify(rotated)).resolves.toMatchObject({ provider: 'microsoft' });
    expect(oidc.fetchCount('microsoft') - before).toBe(1);

    await cached.verify(await oidc.microsoftToken({ tid: TENANT, aud: MS_CLIENT }));
    expect(oidc.fetchCount('microsoft') - before).toBe(1);
  });

  test('the refetch cooldown stops a flood of unknown kids from hammering the provider', async () => {
    const guarded = new TokenVerifier(trusted(), { now: () => NOW, jwksCooldownMs: 60_000 });
    await guarded.verify(await oidc.googleToken({ aud: GOOGLE_CLIENT }));
    const before = oidc.fetchCount('google');
    for (let i = 0; i < 3; i += 1) {
      const forged = await oidc.googleToken({ aud: GOOGLE_CLIENT }, { unpublishedKey: true });
      await expect(refusal(guarded.verify(forged))).resolves.toBe('unknown_key');
    }
    expect(oidc.fetchCount('google') - before).toBe(0);
  });
});

describe('verified tokens are remembered', () => {
  // A sidebar sends the same token with every request until it expires: its signature is checked once.
  test('the same token is checked once, and gives the same identity every time', async () => {
    const remembering = verifier();
    const token = await embedded.issue({ userId: 'usr-rep', audience: 'liaison' });
    const first = await remembering.verify(token);
    for (let i = 0; i < 3; i += 1) await expect(remembering.verify(token)).resolves.toEqual(first);
    expect(remembering.signatureChecks).toBe(1);
    await remembering.verify(await embedded.issue({ userId: 'usr-other', audience: 'liaison' }));
    expect(remembering.signatureChecks).toBe(2);
  });

  test('a remembered token is refused once it expires', async () => {
    let now = NOW;
    const remembering = verifier({}, () => now);
    const token = await oidc.googleToken({ aud: GOOGLE_CLIENT }, { expiresIn: 600 });
    await remembering.verify(token);
    now = new Date(NOW.getTime() + 600_000 + 10 * 60_000);
    await expect(refusal(remembering.verify(token))).resolves.toBe('expired');
  });

  test('a token changed by one character is checked, not taken for the remembered one', async () => {
    const remembering = verifier();
    const token = await embedded.issue({ userId: 'usr-rep', audience: 'liaison' });
    await remembering.verify(token);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'AB' : 'AA'}`;
    await expect(refusal(remembering.verify(tampered))).resolves.toBe('bad_signature');
  });
});

describe('bearerToken', () => {
  test('reads the token from an Authorization header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer   abc.def.ghi ')).toBe('abc.def.ghi');
  });

  test.each([undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b'])('refuses %p', (header) => {
    expect(() => bearerToken(header)).toThrow(TokenError);
  });
});

describe('trustedIssuersFromEnv', () => {
  test('uses the real provider endpoints by default and trusts nothing unconfigured', () => {
    expect(trustedIssuersFromEnv({})).toEqual({});
    expect(
      trustedIssuersFromEnv({
        LIAISON_MS_CLIENT_ID: 'a, b',
        LIAISON_MS_TENANT: TENANT.toUpperCase(),
        LIAISON_GOOGLE_CLIENT_ID: 'g',
      }),
    ).toEqual({
      microsoft: {
        issuerTemplate: 'https://login.microsoftonline.com/{tid}/v2.0',
        jwksUrl: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
        audiences: ['a', 'b'],
        tenants: [TENANT],
      },
      google: {
        issuers: ['https://accounts.google.com', 'accounts.google.com'],
        jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
        audiences: ['g'],
      },
    });
  });

  test('Microsoft sign-in needs the tenants it accepts: unset, common or organizations is refused at start', () => {
    const env = { LIAISON_MS_CLIENT_ID: MS_CLIENT };
    expect(() => trustedIssuersFromEnv(env)).toThrow(
      'LIAISON_MS_TENANT must be set when LIAISON_MS_CLIENT_ID is: list the tenant id of your Microsoft 365 organisation',
    );
    for (const broad of ['common', 'organizations', 'consumers', `${TENANT},common`])
      expect(() => trustedIssuersFromEnv({ ...env, LIAISON_MS_TENANT: broad })).toThrow(
        /LIAISON_MS_TENANT cannot be "(common|organizations|consumers)": that lets people from any Microsoft tenant sign in/,
      );
    expect(() => trustedIssuersFromEnv({ ...env, LIAISON_MS_TENANT: MICROSOFT_CONSUMER_TENANT })).toThrow(
      /personal Microsoft accounts/,
    );
    expect(() => trustedIssuersFromEnv({ ...env, LIAISON_MS_TENANT: 'contoso.onmicrosoft.com' })).toThrow(
      'LIAISON_MS_TENANT has "contoso.onmicrosoft.com", which is not a tenant id',
    );
  });

  test('the Workspace domain is read lower-cased, and a wrong one is a clear error', () => {
    expect(
      trustedIssuersFromEnv({ LIAISON_GOOGLE_CLIENT_ID: 'g', LIAISON_GOOGLE_WORKSPACE_DOMAIN: ' OurCo.com ' })
        .google,
    ).toMatchObject({ hostedDomain: 'ourco.com' });
    expect(() =>
      trustedIssuersFromEnv({
        LIAISON_GOOGLE_CLIENT_ID: 'g',
        LIAISON_GOOGLE_WORKSPACE_DOMAIN: 'https://ourco.com/',
      }),
    ).toThrow(/LIAISON_GOOGLE_WORKSPACE_DOMAIN must be your Google Workspace domain, like ourco.com/);
  });

  test('a bad clock tolerance is a clear error', () => {
    expect(() => trustedIssuersFromEnv({ LIAISON_JWT_CLOCK_TOLERANCE: 'soon' })).toThrow(
      /LIAISON_JWT_CLOCK_TOLERANCE/,
    );
  });
});
