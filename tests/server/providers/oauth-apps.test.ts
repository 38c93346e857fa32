import { loadConfig, type ServerConfig } from '../../../server/config';
import { gmailProvider, googleCalendarNotificationUrl } from '../../../server/providers/google/gmail-app';
import { graphNotificationUrl, graphProvider } from '../../../server/providers/microsoft/graph-app';

/** Both providers' OAuth apps for a configuration. */
const oauthApps = (config: ServerConfig) => ({ graph: graphProvider(config), gmail: gmailProvider(config) });

// Microsoft 365 and Gmail OAuth settings come from the environment; the redirect URIs follow the public URL.

describe('mail provider settings', () => {
  test('none without client ids: neither provider is offered', () => {
    const config = loadConfig({});
    expect([config.graph, config.gmail]).toEqual([undefined, undefined]);
    expect(oauthApps(config)).toEqual({ graph: undefined, gmail: undefined });
  });

  test('from the environment, with defaults for tenant and redirect URIs', () => {
    const config = loadConfig({
      LIAISON_PUBLIC_URL: 'https://liaison.ourco.com/',
      LIAISON_GRAPH_CLIENT_ID: 'graph-id',
      LIAISON_GRAPH_CLIENT_SECRET: 'graph-secret',
      LIAISON_GMAIL_CLIENT_ID: 'gmail-id',
      LIAISON_GMAIL_CLIENT_SECRET: 'gmail-secret',
    });
    expect(oauthApps(config)).toEqual({
      graph: {
        clientId: 'graph-id',
        clientSecret: 'graph-secret',
        tenant: 'organizations',
        redirectUri: 'https://liaison.ourco.com/mailbox/microsoft/callback',
      },
      gmail: {
        clientId: 'gmail-id',
        clientSecret: 'gmail-secret',
        redirectUri: 'https://liaison.ourco.com/mailbox/google/callback',
      },
    });
  });

  test('tenant, authority and redirect URIs can be set', () => {
    const config = loadConfig({
      LIAISON_GRAPH_CLIENT_ID: 'graph-id',
      LIAISON_GRAPH_CLIENT_SECRET: 'graph-secret',
      LIAISON_GRAPH_TENANT: 'contoso.onmicrosoft.com',
      LIAISON_GRAPH_AUTHORITY: 'https://login.microsoftonline.us/contoso.onmicrosoft.com/',
      LIAISON_GRAPH_REDIRECT_URI: 'https://a.example/ms',
      LIAISON_GMAIL_CLIENT_ID: 'gmail-id',
      LIAISON_GMAIL_CLIENT_SECRET: 'gmail-secret',
      LIAISON_GMAIL_REDIRECT_URI: 'https://a.example/g',
    });
    const { graph, gmail } = oauthApps(config);
    expect(graph).toMatchObject({
      tenant: 'contoso.onmicrosoft.com',
      authority: 'https://login.microsoftonline.us/contoso.onmicrosoft.com',
      redirectUri: 'https://a.example/ms',
    });
    expect(gmail?.redirectUri).toBe('https://a.example/g');
  });

  test('a client id without its secret is a clear start-up error', () => {
    expect(() => loadConfig({ LIAISON_GRAPH_CLIENT_ID: 'x' })).toThrow(
      'LIAISON_GRAPH_CLIENT_SECRET must be set when LIAISON_GRAPH_CLIENT_ID is',
    );
    expect(() => loadConfig({ LIAISON_GMAIL_CLIENT_ID: 'x' })).toThrow(
      'LIAISON_GMAIL_CLIENT_SECRET must be set when LIAISON_GMAIL_CLIENT_ID is',
    );
  });

  test('Graph change notifications: on by default only with an https public URL, at /notifications/graph', () => {
    const graph = { LIAISON_GRAPH_CLIENT_ID: 'graph-id', LIAISON_GRAPH_CLIENT_SECRET: 'graph-secret' };
    const https = loadConfig({ ...graph, LIAISON_PUBLIC_URL: 'https://liaison.ourco.com/' });
    expect(graphNotificationUrl(https)).toBe('https://liaison.ourco.com/notifications/graph');
    expect(graphNotificationUrl(loadConfig({ ...graph, LIAISON_PUBLIC_URL: 'http://10.0.0.5:3000' }))).toBe(
      undefined,
    );
    expect(graphNotificationUrl(loadConfig(graph))).toBe(undefined);
    const on = loadConfig({ ...graph, LIAISON_GRAPH_NOTIFICATIONS: 'on' });
    expect(graphNotificationUrl(on)).toBe('http://127.0.0.1:3000/notifications/graph');
    const off = loadConfig({
      ...graph,
      LIAISON_PUBLIC_URL: 'https://liaison.ourco.com',
      LIAISON_GRAPH_NOTIFICATIONS: 'off',
    });
    expect(graphNotificationUrl(off)).toBe(undefined);
    expect(() => loadConfig({ ...graph, LIAISON_GRAPH_NOTIFICATIONS: 'yes' })).toThrow(
      'LIAISON_GRAPH_NOTIFICATIONS must be on or off, got "yes"',
    );
  });

  test('Google Calendar notifications: on by default only with an https public URL, at /notifications/google-calendar', () => {
    const google = { LIAISON_GMAIL_CLIENT_ID: 'g-id', LIAISON_GMAIL_CLIENT_SECRET: 'g-secret' };
    const https = loadConfig({ ...google, LIAISON_PUBLIC_URL: 'https://liaison.ourco.com/' });
    expect(googleCalendarNotificationUrl(https)).toBe('https://liaison.ourco.com/notifications/google-calendar');
    expect(googleCalendarNotificationUrl(loadConfig(google))).toBe(undefined);
    const on = loadConfig({ ...google, LIAISON_GOOGLE_CALENDAR_NOTIFICATIONS: 'on' });
    expect(googleCalendarNotificationUrl(on)).toBe('http://127.0.0.1:3000/notifications/google-calendar');
    const off = loadConfig({
      ...google,
      LIAISON_PUBLIC_URL: 'https://liaison.ourco.com',
      LIAISON_GOOGLE_CALENDAR_NOTIFICATIONS: 'off',
    });
    expect(googleCalendarNotificationUrl(off)).toBe(undefined);
    expect(() => loadConfig({ ...google, LIAISON_GOOGLE_CALENDAR_NOTIFICATIONS: 'true' })).toThrow(
      'LIAISON_GOOGLE_CALENDAR_NOTIFICATIONS must be on or off, got "true"',
    );
  });
});
