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
    });
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    await oidc?.stop();
  });

  const microsoft = (tid: string, oid: string, address: string) =>
    oidc.microsoftToken({ tid, oid, aud: MS_CLIENT, preferred_username: address });
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
});
