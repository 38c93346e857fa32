import { googleKeysFromEnv, googleWorkspaceDomain } from '../auth/trusted-issuers';

/**
 * The Gmail add-on on the Workspace add-ons HTTP runtime (no Apps Script): Google posts each event to
 * `<LIAISON_PUBLIC_URL>/gmail/…` with the deployment's system ID token as bearer and the user's ID token in the
 * event (`authorizationEventObject.userIdToken`). On when LIAISON_GMAIL_ADDON_SERVICE_ACCOUNT is set.
 *
 * - LIAISON_GMAIL_ADDON_SERVICE_ACCOUNT  the deployment's service account (service-<project number>@gcp-sa-gsuiteaddons
 *                                        .iam.gserviceaccount.com): the only caller accepted
 * - LIAISON_GMAIL_ADDON_CLIENT_ID        the deployment's OAuth client id: the audience of the user's ID token
 * - LIAISON_GMAIL_ADDON_AUDIENCE         audience(s) of the system ID token (default: the endpoint's own URL)
 * - LIAISON_GMAIL_API_URL                Gmail API root (default https://gmail.googleapis.com), for a test double
 * Google's issuers and keys: LIAISON_GOOGLE_ISSUER and LIAISON_GOOGLE_JWKS_URL, as for Apps Script tokens; people's
 * tokens are held to LIAISON_GOOGLE_WORKSPACE_DOMAIN when it is set.
 */
export interface GmailAddonSettings {
  serviceAccount: string;
  clientId: string;
  /** Empty: the URL of the endpoint called. */
  systemAudiences: string[];
  issuers: string[];
  jwksUrl: string;
  /** LIAISON_GOOGLE_WORKSPACE_DOMAIN: people's ID tokens must carry it as `hd`. */
  hostedDomain?: string;
  gmailApiUrl: string;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

export function gmailAddonSettings(env: Record<string, string | undefined>): GmailAddonSettings | undefined {
  const serviceAccount = env.LIAISON_GMAIL_ADDON_SERVICE_ACCOUNT?.trim();
  if (!serviceAccount) return undefined;
  const clientId = env.LIAISON_GMAIL_ADDON_CLIENT_ID?.trim();
  if (!clientId)
    throw new Error('LIAISON_GMAIL_ADDON_CLIENT_ID is required with LIAISON_GMAIL_ADDON_SERVICE_ACCOUNT');
  return {
    serviceAccount: serviceAccount.toLowerCase(),
    clientId,
    systemAudiences: list(env.LIAISON_GMAIL_ADDON_AUDIENCE),
    ...googleKeysFromEnv(env),
    ...googleWorkspaceDomain(env),
    gmailApiUrl: (env.LIAISON_GMAIL_API_URL?.trim() || 'https://gmail.googleapis.com').replace(/\/+$/, ''),
  };
}
