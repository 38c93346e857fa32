import { googleKeysFromEnv } from '../../auth/trusted-issuers';

/**
 * Gmail push: the workers ask Gmail (users.watch) to publish each mailbox's INBOX changes to a Cloud Pub/Sub topic,
 * whose push subscription posts them to `<LIAISON_PUBLIC_URL>/notifications/gmail` with an OIDC token. On when
 * LIAISON_GMAIL_PUBSUB_TOPIC is set.
 *
 * - LIAISON_GMAIL_PUBSUB_TOPIC          projects/<project>/topics/<topic> (the project of the Gmail OAuth client)
 * - LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT  the push subscription's service account: the token's `email` (required)
 * - LIAISON_GMAIL_PUSH_AUDIENCE         the subscription's audience (default: the endpoint's URL)
 * Google's issuers and keys: LIAISON_GOOGLE_ISSUER and LIAISON_GOOGLE_JWKS_URL, as for Apps Script tokens.
 */
export interface GmailPushSettings {
  topicName: string;
  serviceAccount: string;
  /** Absent: the endpoint's URL, resolved when used (the public URL may change). */
  audience?: string;
  issuers: string[];
  jwksUrl: string;
}

export const GMAIL_PUSH_PATH = '/notifications/gmail';

const TOPIC = /^projects\/[^/\s]+\/topics\/[^/\s]+$/;

export function gmailPushSettings(env: Record<string, string | undefined>): GmailPushSettings | undefined {
  const topicName = env.LIAISON_GMAIL_PUBSUB_TOPIC?.trim();
  if (!topicName) return undefined;
  if (!TOPIC.test(topicName))
    throw new Error(
      `LIAISON_GMAIL_PUBSUB_TOPIC must be projects/<project>/topics/<topic>, got "${topicName}"`,
    );
  const serviceAccount = env.LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT?.trim();
  if (!serviceAccount)
    throw new Error('LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT must be set when LIAISON_GMAIL_PUBSUB_TOPIC is');
  const settings: GmailPushSettings = {
    topicName,
    serviceAccount: serviceAccount.toLowerCase(),
    ...googleKeysFromEnv(env),
  };
  const audience = env.LIAISON_GMAIL_PUSH_AUDIENCE?.trim();
  if (audience) settings.audience = audience;
  return settings;
}

/** The audience the push subscription's tokens must carry. */
export function gmailPushAudience(settings: GmailPushSettings, publicUrl: string): string {
  return settings.audience ?? `${publicUrl}${GMAIL_PUSH_PATH}`;
}
