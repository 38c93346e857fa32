import { z } from 'zod';
import {
  adminUsersResponseSchema,
  autosharingRequestSchema,
  autosharingResponseSchema,
  includeAgainResponseSchema,
  newUserSchema,
  organisationPatchSchema,
  organisationSchema,
  signInLinkResponseSchema,
  signInProviderParamsSchema,
  userPatchSchema,
} from '../../src/api/admin-api';
import { blacklistAddResponseSchema, blacklistAddSchema } from '../../src/api/user-api';
import {
  DEFAULT_HORIZON_DAYS,
  isDomainName,
  isPlainAddrSpec,
  normalizeAddress,
  normalizeDomain,
  parseBlacklistInput,
} from '../../src';
import { callerOf } from '../app/access-control';
import { badRequest, conflict, notFound } from '../app/http-error';
import {
  addCorporateBlacklistEntries,
  listCorporateBlacklist,
  removeCorporateBlacklistEntries,
} from '../db/blacklist-repo';
import { calendarRowsByUser, defaultCalendarRow } from '../db/calendar-status-repo';
import { savedCountsByUser } from '../db/ledger-repo';
import { boundAccountsByUser, unbindAccount } from '../db/user-identities-repo';
import { getOrganisation, updateOrganisation } from '../db/organisation-repo';
import {
  AddressInUseError,
  createUser,
  getUser,
  importCounts,
  listUsers,
  removeUser,
  setUserAddresses,
  updateUser,
  type User,
} from '../db/users-repo';
import { includeAgainAfterRestart, setAutosharing } from '../services/autosharing-switch';
import { calendarStatus } from '../services/calendar-status';
import { userStatus } from '../services/user-status';
import type { RouteContext } from './route-context';

// Admin pages' API: the organisation, Smart autosharing on/off, users for import with their status, the
// corporate blacklist. Every route here is `admin`.

function checkAddresses(addresses: string[]): string[] {
  const clean = addresses.map(normalizeAddress);
  const bad = clean.filter((a) => !isPlainAddrSpec(a));
  if (bad.length > 0) throw badRequest(`Not valid email addresses: ${bad.join(', ')}.`);
  return clean;
}

export function adminRoutes({ app, deps }: RouteContext): void {
  const organisationView = async () => ({
    ...(await getOrganisation(deps.db)),
    corporateBlacklist: await listCorporateBlacklist(deps.db),
    usersImport: await importCounts(deps.db),
    attachmentLimitMb: deps.config.attachmentLimitMb,
    horizonDays: DEFAULT_HORIZON_DAYS,
  });

  app.get('/api/admin/organisation', {
    config: { access: 'admin' },
    schema: { response: { 200: organisationSchema } },
    handler: organisationView,
  });

  app.patch('/api/admin/organisation', {
    config: { access: 'admin' },
    schema: { body: organisationPatchSchema, response: { 200: organisationSchema } },
    handler: async (request) => {
      const { internalDomains, ...rest } = request.body;
      if (internalDomains) {
        const bad = internalDomains.filter((d) => !isDomainName(normalizeDomain(d)));
        if (bad.length > 0)
          throw badRequest(`Not domains: ${bad.join(', ')} (expected something like ourco.com).`);
      }
      await updateOrganisation(deps.db, {
        ...rest,
        ...(internalDomains ? { internalDomains: internalDomains.map(normalizeDomain) } : {}),
      });
      return organisationView();
    },
  });

  app.post('/api/admin/autosharing', {
    config: { access: 'admin' },
    schema: { body: autosharingRequestSchema, response: { 200: autosharingResponseSchema } },
    handler: async (request) => setAutosharing(deps, request.body.enabled),
  });

  app.post('/api/admin/autosharing/include-again', {
    config: { access: 'admin' },
    schema: { response: { 200: includeAgainResponseSchema } },
    handler: async () => {
      const usersIncluded = await includeAgainAfterRestart(deps);
      if (usersIncluded === undefined)
        throw conflict(
          'autosharing_stopped',
          'Smart autosharing is stopped: enable it first, then include the users again.',
        );
      return { usersIncluded };
    },
  });

  const usersView = async () => {
    const [users, organisation, counts, accounts] = await Promise.all([
      listUsers(deps.db),
      getOrganisation(deps.db),
      savedCountsByUser(deps.db),
      boundAccountsByUser(deps.db),
    ]);
    const calendars = await calendarRowsByUser(deps.db, organisation.defaultSettings);
    const noCalendar = defaultCalendarRow(organisation.defaultSettings);
    return {
      users: users.map((u: User) => ({
        id: u.id,
        displayName: u.displayName,
        addresses: u.addresses,
        role: u.role,
        crmUserId: u.crmUserId,
        includedInImport: u.includedInImport,
        connectedAt: u.connectedAt,
        ...userStatus(u, organisation),
        saved: counts.get(u.id) ?? { manual: 0, automatic: 0 },
        calendar: calendarStatus(calendars.get(u.id) ?? noCalendar),
        signInAccounts: accounts.get(u.id) ?? [],
      })),
    };
  };

  app.get('/api/admin/users', {
    config: { access: 'admin' },
    schema: { response: { 200: adminUsersResponseSchema } },
    handler: usersView,
  });

  app.post('/api/admin/users', {
    config: { access: 'admin' },
    schema: { body: newUserSchema, response: { 200: adminUsersResponseSchema } },
    handler: async (request) => {
      const { addresses, ...rest } = request.body;
      try {
        await createUser(deps.db, {
          ...rest,
          addresses: checkAddresses(addresses),
          displayName: rest.displayName ?? addresses[0] ?? '',
        });
      } catch (error) {
        if (error instanceof AddressInUseError) throw conflict('address_in_use', error.message);
        throw error;
      }
      return usersView();
    },
  });

  const params = z.object({ id: z.string().min(1) });

  app.patch('/api/admin/users/:id', {
    config: { access: 'admin' },
    schema: { params, body: userPatchSchema, response: { 200: adminUsersResponseSchema } },
    handler: async (request) => {
      const { addresses, ...patch } = request.body;
      const target = await getUser(deps.db, request.params.id);
      if (!target) throw notFound('That user');
      if (target.id === callerOf(request).user.id && patch.role === 'user')
        throw badRequest('You cannot remove your own admin role; ask another admin.');
      try {
        if (addresses) await setUserAddresses(deps.db, target.id, checkAddresses(addresses));
      } catch (error) {
        if (error instanceof AddressInUseError) throw conflict('address_in_use', error.message);
        throw error;
      }
      await updateUser(deps.db, target.id, patch);
      if (patch.role !== undefined && patch.role !== target.role)
        await deps.sessions.revokeAllForUser(target.id);
      return usersView();
    },
  });

  app.delete('/api/admin/users/:id', {
    config: { access: 'admin' },
    schema: { params, response: { 200: adminUsersResponseSchema } },
    handler: async (request) => {
      if (request.params.id === callerOf(request).user.id)
        throw badRequest('You cannot remove yourself; ask another admin.');
      await deps.sessions.revokeAllForUser(request.params.id);
      if (!(await removeUser(deps.db, request.params.id))) throw notFound('That user');
      return usersView();
    },
  });

  app.post('/api/admin/users/:id/sign-in-link', {
    config: { access: 'admin' },
    schema: { params, response: { 200: signInLinkResponseSchema } },
    handler: async (request) => {
      const user = await getUser(deps.db, request.params.id);
      if (!user) throw notFound('That user');
      return { url: await deps.links.createLink(deps.config.publicUrl, user.id), expiresInMinutes: 15 };
    },
  });

  // The person's account was recreated (new object id or `sub`): the old binding goes, the next sign-in with one of
  // the user's addresses binds the new account. Their sessions end, so nothing signed in as the old one stays.
  app.delete('/api/admin/users/:id/sign-in-accounts/:provider', {
    config: { access: 'admin' },
    schema: { params: signInProviderParamsSchema, response: { 200: adminUsersResponseSchema } },
    handler: async (request) => {
      const { id, provider } = request.params;
      if (id === callerOf(request).user.id)
        throw badRequest('You cannot unbind the account you are signed in with; ask another admin.');
      if (!(await getUser(deps.db, id))) throw notFound('That user');
      if (!(await unbindAccount(deps.db, id, provider)))
        throw notFound(`A ${provider === 'google' ? 'Google' : 'Microsoft'} account bound to that user`);
      await deps.sessions.revokeAllForUser(id);
      return usersView();
    },
  });

  app.get('/api/admin/blacklist', {
    config: { access: 'admin' },
    schema: { response: { 200: z.object({ corporate: z.array(z.string()) }) } },
    handler: async () => ({ corporate: await listCorporateBlacklist(deps.db) }),
  });

  app.post('/api/admin/blacklist', {
    config: { access: 'admin' },
    schema: { body: blacklistAddSchema, response: { 200: blacklistAddResponseSchema } },
    handler: async (request) => {
      const { entries, errors } = parseBlacklistInput(request.body.entries);
      if (entries.length === 0 && errors.length === 0)
        throw badRequest('Enter at least one address or domain.');
      const added = await addCorporateBlacklistEntries(
        deps.db,
        entries.map((e) => e.value),
      );
      return { mine: [], corporate: await listCorporateBlacklist(deps.db), added, errors };
    },
  });

  app.delete('/api/admin/blacklist/:entry', {
    config: { access: 'admin' },
    schema: {
      params: z.object({ entry: z.string().min(1) }),
      response: { 200: z.object({ corporate: z.array(z.string()) }) },
    },
    handler: async (request) => {
      await removeCorporateBlacklistEntries(deps.db, [request.params.entry]);
      return { corporate: await listCorporateBlacklist(deps.db) };
    },
  });
}
