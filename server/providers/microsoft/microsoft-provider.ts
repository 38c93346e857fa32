// Microsoft 365: mailboxes read through Microsoft Graph, signed in with msal-node; change notifications bring a
// mailbox's run forward, and its subscription is deleted on disconnect.
import type { VerifiedMailbox } from '../../services/mailbox-store';
import { MailSourceError } from '../mail-source';
import type { Provider } from '../provider';
import { GRAPH_CALLBACK_PATH, graphProvider, type GraphProvider } from './graph-app';
import {
  GRAPH_CALENDAR_SCOPES,
  graphSignInUrl,
  graphTokenProvider,
  redeemGraphCode,
  type GraphGrant,
} from './graph-auth';
import { GraphCalendarSource } from './graph-calendar-source';
import { graphNotificationRoutes } from './graph-notification-routes';
import { graphPushOptions, type GraphPushFactoryOptions } from './graph-push-store';
import { GraphMailSource } from './graph-source';
import { deleteGraphSubscription } from './graph-subscription-cleanup';

export interface MicrosoftSourceOptions {
  /** Liaison's Microsoft 365 app (absent: such mailboxes fail with `auth` and show as Inactive). */
  graph?: GraphProvider;
  /** Graph change notifications (absent: Graph mailboxes are polled only). */
  graphPush?: GraphPushFactoryOptions;
}

function configuredApp(config: Parameters<typeof graphProvider>[0]): GraphProvider {
  const app = graphProvider(config);
  if (!app) throw new Error('Microsoft 365 sign-in is not configured');
  return app;
}

export const microsoft: Provider<MicrosoftSourceOptions> = {
  id: 'microsoft',
  kind: 'graph',
  label: 'Microsoft 365',

  mailSource({ mailbox, secret, onSecretChange, options }) {
    if (!options.graph) throw new MailSourceError('auth', 'Microsoft 365 sign-in is not configured');
    const grant = secret() as GraphGrant;
    const tokens = graphTokenProvider(options.graph, grant, async (tokenCache) => {
      await onSecretChange?.({ ...grant, tokenCache });
    });
    const push = options.graphPush;
    return new GraphMailSource({
      tokens,
      ...(options.graph.baseUrl ? { baseUrl: options.graph.baseUrl } : {}),
      ...(push
        ? { push: { ...push, notificationUrl: push.notificationUrl(), store: push.store(mailbox.id) } }
        : {}),
    });
  },

  calendarSource({ mailbox, secret, onSecretChange, options }) {
    if (!options.graph) throw new MailSourceError('auth', 'Microsoft 365 sign-in is not configured');
    const grant = secret() as GraphGrant;
    // Its own token provider, for Calendars.Read alone: the mail source's tokens stay as they were granted.
    const tokens = graphTokenProvider(
      options.graph,
      grant,
      async (tokenCache) => {
        await onSecretChange?.({ ...grant, tokenCache });
      },
      GRAPH_CALENDAR_SCOPES,
    );
    const push = options.graphPush;
    return new GraphCalendarSource({
      tokens,
      ...(options.graph.baseUrl ? { baseUrl: options.graph.baseUrl } : {}),
      ...(push
        ? { push: { notificationUrl: push.notificationUrl(), store: push.calendarStore(mailbox.id) } }
        : {}),
    });
  },

  sourceOptions({ config, db, log }) {
    const graph = graphProvider(config);
    return { ...(graph ? { graph } : {}), ...graphPushOptions(db, config, log) };
  },

  oauth: {
    callbackPath: GRAPH_CALLBACK_PATH,
    configured: (config) => graphProvider(config) !== undefined,
    signInUrl: (config, state, codeChallenge, loginHint) =>
      graphSignInUrl(configuredApp(config), state, codeChallenge, loginHint),
    async redeem(config, code, codeVerifier, now): Promise<VerifiedMailbox> {
      const app = configuredApp(config);
      const grant = await redeemGraphCode(app, code, codeVerifier);
      if (!grant.username) throw new MailSourceError('auth', 'Microsoft returned no account for the sign-in');
      const connectedAt = now();
      const source = new GraphMailSource({
        tokens: graphTokenProvider(app, grant),
        ...(app.baseUrl ? { baseUrl: app.baseUrl } : {}),
      });
      const cursor = await source.initialCursor(connectedAt);
      return {
        kind: 'graph',
        address: grant.username,
        settings: {},
        secret: { ...grant },
        connectedAt,
        cursor,
      };
    },
  },

  disconnect: (deps, mailbox) => deleteGraphSubscription(deps, mailbox),
  routes: (context) => graphNotificationRoutes(context),
};
