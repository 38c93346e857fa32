import { z } from 'zod';
import { callerOf } from '../app/access-control';
import { badRequest, HttpError } from '../app/http-error';
import {
  exchangeSalesforceCode,
  salesforceAuthorizeUrl,
  salesforceLoginUrl,
  SalesforceCrmAdapter,
  type SalesforceLogin,
} from '../crm/salesforce';
import {
  disconnectSalesforce,
  embeddedCrmOf,
  openConfiguredCrm,
  mapUsersToSalesforce,
  salesforceStatus,
  storeSalesforceGrant,
} from '../crm/salesforce-connection';
import { stateRefusal } from '../services/mailbox-oauth';
import { redeemOAuth, startOAuth } from '../services/oauth-states';
import type { RouteContext } from './route-context';

// Connect Salesforce (OAuth 2.0 web server flow with PKCE) from the admin page, see the connection's status and the
// API budget used today, disconnect. The `state` sent to Salesforce is redeemed once (oauth-states.ts), so a
// callback can only complete a connection that admin started, within ten minutes, and only once.

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
  /** What the org lacks for Liaison to be safe, as sentences saying what to create (Task's Message-ID field). */
  advice: z.array(z.string()).optional(),
});

/** How long the status page waits for Salesforce's describe (the client retries outages for much longer). */
const ADVICE_WAIT_MS = 3000;

/**
 * The org's setup advice (one describe per connection). A Salesforce that cannot answer now leaves it out rather than
 * hold the admin's page: the answer, once in, is kept for the next look.
 */
async function setupAdvice(crm: unknown, warn?: (line: string) => void): Promise<string[]> {
  if (!(crm instanceof SalesforceCrmAdapter) || crm.consentRevoked()) return [];
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), ADVICE_WAIT_MS);
  });
  const asked = crm.setupAdvice().catch((error: unknown) => {
    warn?.(`Salesforce setup check failed: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  });
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function crmRoutes({ app, deps }: RouteContext): void {
  const wiring = {
    db: deps.db,
    secrets: deps.secrets,
    salesforce: deps.salesforce,
    warn: (line: string) => deps.warn?.(line),
    publicUrl: () => deps.config.publicUrl,
  };

  app.get('/api/admin/crm', {
    config: { access: 'admin' },
    schema: { response: { 200: crmStatusSchema } },
    handler: async () => {
      const current = deps.crm.current as { apiUsage?: () => { used: number; max: number } | undefined };
      const usage = current.apiUsage?.();
      const advice = await setupAdvice(deps.crm.current, deps.warn);
      return {
        kind: deps.crm.kind,
        salesforce: await salesforceStatus(wiring),
        ...(usage ? { apiUsage: usage } : {}),
        ...(advice.length ? { advice } : {}),
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
      let loginUrl: string;
      try {
        loginUrl = salesforceLoginUrl(login, deps.salesforce.allowedLoginUrls);
      } catch (error) {
        throw badRequest(`${error instanceof Error ? error.message : String(error)}.`);
      }
      const { state, codeChallenge } = await startOAuth(deps, 'salesforce', callerOf(request).user.id, {
        loginUrl,
      });
      return { authorizeUrl: salesforceAuthorizeUrl(sfApp, loginUrl, state, codeChallenge) };
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
      const redeemed = await redeemOAuth(deps, 'salesforce', callerOf(request).user.id, state);
      if (!redeemed.ok)
        throw new HttpError(400, 'bad_state', stateRefusal(redeemed.reason, 'Salesforce', 'the admin page'));
      if (!code || !deps.salesforce.app)
        throw badRequest('Salesforce sent no sign-in code back. Start again from the admin page.');
      // Checked again: the allowed login addresses may have changed since the attempt started.
      let loginUrl: string;
      try {
        loginUrl = salesforceLoginUrl(
          { loginUrl: String(redeemed.details.loginUrl) },
          deps.salesforce.allowedLoginUrls,
        );
      } catch (error) {
        throw badRequest(`${error instanceof Error ? error.message : String(error)}.`);
      }
      const grant = await exchangeSalesforceCode(deps.salesforce.app, loginUrl, code, redeemed.codeVerifier);
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
      deps.crm.use(embeddedCrmOf(wiring));
      return { kind: deps.crm.kind, salesforce: await salesforceStatus(wiring) };
    },
  });
}
