import { createUser } from '../../../server/db/users-repo';
import { backends } from '../../support/db/test-databases';
import { OidcTestServer } from '../../support/oidc/oidc-test-server';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// Tokens name a Liaison user by who signed in, never by the address they carry. A Microsoft token binds the user it
// first signs in as to its tenant (`tid`) and object id (`oid`); another account carrying the same address (another
// tenant the organisation also allows, or another person in the same tenant) is refused. The embedded issuer's tokens
// and dashboard sessions name the user's id: removing the user ends them, and a new user given the address later is
// never reached through them.

const MS_CLIENT = '6f1c6a5e-0d7b-4a57-9a0e-2c1b8b7f0a11';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** A second tenant the organisation allows too (a subsidiary), whose people may carry any address. */
const PARTNER_TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
/** A tenant the organisation does not allow. */
const STRANGER_TENANT = '11111111-2222-4333-8444-555555555555';
const GOOGLE_CLIENT = '1234567890-liaison.apps.googleusercontent.com';
const SAM_OID = '00000000-0000-4000-8000-0000000000aa';
const PAT_OID = '00000000-0000-4000-8000-0000000000bb';

describe.each(backends)('who a token names (%s)', (backend) => {
  let server: TestServer;
  let oidc: OidcTestServer;
  beforeAll(async () => {
    oidc = await OidcTestServer.start();
    server = await startTestServer(backend, {
      LIAISON_MS_CLIENT_ID: MS_CLIENT,
      LIAISON_MS_JWKS_URL: oidc.jwksUrl('microsoft'),
      LIAISON_MS_TENANT: `${TENANT},${PARTNER_TENANT}`,
      LIAISON_GOOGLE_CLIENT_ID: GOOGLE_CLIENT,
      LIAISON_GOOGLE_JWKS_URL: oidc.jwksUrl('google'),
    });
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    await oidc?.stop();
  });

  const microsoft = (tid: string, oid: string, address: string) =>
    oidc.microsoftToken({ tid, oid, aud: MS_CLIENT, preferred_username: address });
  const google = (sub: string, address: string) =>
    oidc.googleToken({ aud: GOOGLE_CLIENT, sub, email: address, hd: 'ourco.com' });
  const whoAmI = (as: string | { cookie: string; csrf: string }) =>
    server.call('GET', '/api/session', { as });

  test('a Microsoft sign-in binds the user; the same address from another tenant or account is refused', async () => {
    const first = await whoAmI(await microsoft(TENANT, SAM_OID, 'sam@ourco.com'));
    expect([first.status, first.body?.user?.id]).toEqual([200, server.sam.id]);

    // A person in the other allowed tenant whose account carries Sam's address.
    const partner = await whoAmI(await microsoft(PARTNER_TENANT, SAM_OID, 'sam@ourco.com'));
    expect(partner.status).toBe(403);
    expect(partner.body.error).toBe('identity_mismatch');
    expect(partner.body.message).toMatch(/sam@ourco\.com.*another Microsoft account/);
    // Another account in Sam's own tenant, with Sam's alias as its address.
    const colleague = await whoAmI(await microsoft(TENANT, PAT_OID, 'Sam.Seller@ourco.com'));
    expect([colleague.status, colleague.body.error]).toEqual([403, 'identity_mismatch']);

    // Sam's own account still signs in, whatever address its token carries today.
    const again = await whoAmI(await microsoft(TENANT, SAM_OID.toUpperCase(), 'sam.seller@ourco.com'));
    expect([again.status, again.body?.user?.id]).toEqual([200, server.sam.id]);
  });

  test('a tenant the organisation does not allow binds nobody', async () => {
    const stranger = await whoAmI(await microsoft(STRANGER_TENANT, PAT_OID, 'pat@ourco.com'));
    expect([stranger.status, stranger.body.error]).toEqual([401, 'token_wrong_tenant']);
    // Pat's own account, signing in afterwards, is the one bound.
    const pat = await whoAmI(await microsoft(TENANT, PAT_OID, 'pat@ourco.com'));
    expect([pat.status, pat.body?.user?.id]).toEqual([200, server.pat.id]);
  });

  test('an embedded bearer token stops working when its user is removed, and never acts as the next owner of the address', async () => {
    const lee = await createUser(server.deps.db, { addresses: ['lee@ourco.com'], displayName: 'Lee' });
    const token = await server.token('lee@ourco.com');
    const session = await server.signIn(lee);
    expect((await whoAmI(token)).body?.user?.id).toBe(lee.id);
    expect((await whoAmI(session)).body?.user?.id).toBe(lee.id);

    const admin = await server.token('admin@ourco.com');
    expect((await server.call('DELETE', `/api/admin/users/${lee.id}`, { as: admin })).status).toBe(200);
    const removed = await whoAmI(token);
    expect([removed.status, removed.body.error]).toEqual([403, 'forbidden']);
    expect(removed.body.message).toMatch(/no longer a Liaison user/);
    expect((await whoAmI(session)).status).toBe(401);

    // The address goes to someone else: the old token and session still name the removed user, not them.
    const created = await server.call('POST', '/api/admin/users', {
      as: admin,
      body: { addresses: ['lee@ourco.com'], displayName: 'Lee Newcomer' },
    });
    expect(created.status).toBe(200);
    const after = await whoAmI(token);
    expect([after.status, after.body?.user?.id]).toEqual([403, undefined]);
    expect((await whoAmI(session)).status).toBe(401);
    // The newcomer's own token works.
    const newcomer = await whoAmI(await server.token('lee@ourco.com'));
    expect([newcomer.status, newcomer.body?.user?.displayName]).toEqual([200, 'Lee Newcomer']);
  });

  test('a removed user’s Microsoft binding goes with them: the next owner of the address binds their own account', async () => {
    const kim = await createUser(server.deps.db, { addresses: ['kim@ourco.com'] });
    const kimOid = '00000000-0000-4000-8000-0000000000cc';
    expect((await whoAmI(await microsoft(TENANT, kimOid, 'kim@ourco.com'))).body?.user?.id).toBe(kim.id);
    const admin = await server.token('admin@ourco.com');
    await server.call('DELETE', `/api/admin/users/${kim.id}`, { as: admin });
    // The old account no longer reaches anyone.
    expect((await whoAmI(await microsoft(TENANT, kimOid, 'kim@ourco.com'))).status).toBe(403);
    const next = await createUser(server.deps.db, { addresses: ['kim@ourco.com'] });
    const nextOid = '00000000-0000-4000-8000-0000000000dd';
    const signedIn = await whoAmI(await microsoft(TENANT, nextOid, 'kim@ourco.com'));
    expect([signedIn.status, signedIn.body?.user?.id]).toEqual([200, next.id]);
    // And the former owner's account, bound to nobody now, cannot take the address back.
    const former = await whoAmI(await microsoft(TENANT, kimOid, 'kim@ourco.com'));
    expect([former.status, former.body.error]).toEqual([403, 'identity_mismatch']);
  });

  test('a Google sign-in binds the user to its `sub`: another Google account with the same address is refused', async () => {
    const dee = await createUser(server.deps.db, { addresses: ['dee@ourco.com'] });
    const first = await whoAmI(await google('109876543210987654321', 'dee@ourco.com'));
    expect([first.status, first.body?.user?.id]).toEqual([200, dee.id]);
    const other = await whoAmI(await google('100000000000000000001', 'dee@ourco.com'));
    expect([other.status, other.body.error]).toEqual([403, 'identity_mismatch']);
    expect(other.body.message).toMatch(/dee@ourco\.com.*another Google account.*Unbind Google account/);
    // The bound account signs in whatever address it carries today (a renamed account keeps its `sub`).
    const renamed = await whoAmI(await google('109876543210987654321', 'dee.d@ourco.com'));
    expect([renamed.status, renamed.body?.user?.id]).toEqual([200, dee.id]);
  });

  test('an admin unbinds a recreated account: the new one binds at its next sign-in, the old one is refused', async () => {
    const ray = await createUser(server.deps.db, { addresses: ['ray@ourco.com'] });
    const oldOid = '00000000-0000-4000-8000-0000000000ee';
    const newOid = '00000000-0000-4000-8000-0000000000ff';
    expect((await whoAmI(await microsoft(TENANT, oldOid, 'ray@ourco.com'))).body?.user?.id).toBe(ray.id);
    const recreated = await whoAmI(await microsoft(TENANT, newOid, 'ray@ourco.com'));
    expect([recreated.status, recreated.body.error]).toEqual([403, 'identity_mismatch']);

    const admin = await server.token('admin@ourco.com');
    const listed = await server.call('GET', '/api/admin/users', { as: admin });
    const row = listed.body.users.find((u: { id: string }) => u.id === ray.id);
    expect(row.signInAccounts).toEqual([
      { provider: 'microsoft', tenant: TENANT, subject: oldOid, boundAt: expect.any(String) },
    ]);
    // Only an admin may unbind, and not the account they are signed in with.
    const byRay = await server.call('DELETE', `/api/admin/users/${ray.id}/sign-in-accounts/microsoft`, {
      as: await server.token('ray@ourco.com'),
    });
    expect(byRay.status).toBe(403);
    const self = await server.call(
      'DELETE',
      `/api/admin/users/${server.admin.id}/sign-in-accounts/microsoft`,
      {
        as: admin,
      },
    );
    expect([self.status, self.body.message]).toEqual([400, expect.stringMatching(/signed in with/)]);
    const none = await server.call('DELETE', `/api/admin/users/${ray.id}/sign-in-accounts/google`, {
      as: admin,
    });
    expect([none.status, none.body.message]).toEqual([404, expect.stringMatching(/Google account/)]);

    const unbound = await server.call('DELETE', `/api/admin/users/${ray.id}/sign-in-accounts/microsoft`, {
      as: admin,
    });
    expect(unbound.status).toBe(200);
    expect(unbound.body.users.find((u: { id: string }) => u.id === ray.id).signInAccounts).toEqual([]);
    const now = await whoAmI(await microsoft(TENANT, newOid, 'ray@ourco.com'));
    expect([now.status, now.body?.user?.id]).toEqual([200, ray.id]);
    const old = await whoAmI(await microsoft(TENANT, oldOid, 'ray@ourco.com'));
    expect([old.status, old.body.error]).toEqual([403, 'identity_mismatch']);
  });
});
