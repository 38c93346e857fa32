import { z } from 'zod';
import { callerOf } from '../app/access-control';
import { badRequest, HttpError } from '../app/http-error';
import { EmbeddedCrm } from '../crm/embedded/embedded-crm';
import {
  exchangeSalesforceCode,
  salesforceAuthorizeUrl,
  salesforceLoginUrl,
  type SalesforceLogin,
} from '../crm/salesforce';
import {
  disconnectSalesforce,
  openConfiguredCrm,
  mapUsersToSalesforce,
  salesforceStatus,
  storeSalesforceGrant,
} from '../crm/salesforce-connection';
import type { RouteContext } from './route-context';

// Connect Salesforce (OAuth 2.0 web server flow) from the admin page, see the connection's status and the API
// budget used today, disconnect. The `state` sent to Salesforce is sealed (AES-GCM) with the admin's id and an
// expiry, so a callback can only complete a connection that admin started, within ten minutes.

const STATE_AD = 'salesforce-oauth-state';
const STATE_TTL_MS = 10 * 60_000;

const loginSchema = z.union([
  z.literal('production'),
  z.literal('sandbox'),
  z.object({ myDomain: z.string().min(1).max(200) }),
  z.object({ loginUrl: z.string().url() }),
]);

const crmStatusSchema = z.object({
  kind: z.string(),
  salesforce: z.object({
    configured: z.boolean(),
    connected: z.boolean(),
    status: z.enum(['active', 'inactive']).optional(),
    statusReason: z.string().nullable().optional(),
    instanceUrl: z.string().optional(),
    connectedAt: z.string().optional(),
  }),
  apiUsage: z.object({ used: z.number(), max: z.number() }).optional(),
});

export function crmRoutes({ app, deps }: RouteContext): void {
  const wiring = { db: deps.db, secrets: deps.secrets, salesforce: deps.salesforce };

  app.get('/api/admin/crm', {
    config: { access: 'admin' },
    schema: { response: { 200: crmStatusSchema } },
    handler: async () => {
      const current = deps.crm.current as { apiUsage?: () => { used: number; max: number } | undefined };
      const usage = current.apiUsage?.();
      return {
        kind: deps.crm.kind,
        salesforce: await salesforceStatus(wiring),
        ...(usage ? { apiUsage: usage } : {}),
      };
    },
  });

  app.post('/api/admin/crm/salesforce/connect', {
    config: { access: 'admin' },
    schema: {
      body: z.object({ login: loginSchema }),
      response: { 200: z.object({ authorizeUrl: z.string() }) },
    },
    handler: async (request) => {
      const sfApp = deps.salesforce.app;
      if (!sfApp) {
        throw new HttpError(
          409,
          'salesforce_not_configured',
          'Salesforce is not configured on this server: set SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET (see the README).',
        );
      }
      const login = request.body.login as SalesforceLogin;
      try {
        salesforceLoginUrl(login);
      } catch (error) {
        throw badRequest(error instanceof Error ? error.message : String(error));
      }
      const state = deps.secrets.seal(
        JSON.stringify({ u: callerOf(request).user.id, login, exp: deps.now().getTime() + STATE_TTL_MS }),
        STATE_AD,
      );
      return { authorizeUrl: salesforceAuthorizeUrl(sfApp, login, state) };
    },
  });

  app.get('/admin/salesforce/callback', {
    config: { access: 'admin' },
    schema: {
      querystring: z.object({
        code: z.string().optional(),
        state: z.string().optional(),
        error: z.string().optional(),
        error_description: z.string().optional(),
      }),
    },
    handler: async (request, reply) => {
      const { code, state, error, error_description: description } = request.query;
      if (error)
        throw new HttpError(
          400,
          'salesforce_refused',
          `Salesforce did not connect: ${description ?? error}.`,
        );
      let parsed: { u: string; login: SalesforceLogin; exp: number };
      try {
        parsed = JSON.parse(deps.secrets.open(state ?? '', STATE_AD)) as typeof parsed;
      } catch {
        throw badRequest(
          'This Salesforce answer does not belong to a connection started here. Start again from the admin page.',
        );
      }
      if (
        parsed.u !== callerOf(request).user.id ||
        parsed.exp < deps.now().getTime() ||
        !code ||
        !deps.salesforce.app
      ) {
        throw badRequest(
          'This Salesforce connection attempt expired or was started by someone else. Start again from the admin page.',
        );
      }
      const grant = await exchangeSalesforceCode(deps.salesforce.app, parsed.login, code);
      await storeSalesforceGrant(wiring, grant, deps.now());
      const adapter = await openConfiguredCrm(wiring);
      deps.crm.use(adapter);
      await mapUsersToSalesforce(deps.db, adapter);
      return reply.redirect('/#/admin', 303);
    },
  });

  app.post('/api/admin/crm/salesforce/disconnect', {
    config: { access: 'admin' },
    schema: { response: { 200: crmStatusSchema } },
    handler: async () => {
      await disconnectSalesforce(wiring);
      deps.crm.use(new EmbeddedCrm(deps.db));
      return { kind: deps.crm.kind, salesforce: await salesforceStatus(wiring) };
    },
  });
}
