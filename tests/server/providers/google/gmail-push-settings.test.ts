import { loadConfig } from '../../../../server/config';
import { gmailPushAudience } from '../../../../server/providers/google/gmail-push-settings';
import { syncSourceOptions } from '../../../../server/sync/start-sync';
import { SecretBox } from '../../../../server/secrets';

// Gmail push is on only with a Pub/Sub topic, and then only with the push subscription's service account.

const TOPIC = 'projects/liaison-prod/topics/gmail';
const SA = 'Gmail-Push@liaison-prod.iam.gserviceaccount.com';

describe('Gmail push settings', () => {
  test('off by default: no settings, and the engine gives Gmail sources no push', () => {
    const config = loadConfig({ LIAISON_GMAIL_CLIENT_ID: 'id', LIAISON_GMAIL_CLIENT_SECRET: 'secret' });
    expect(config.gmailPush).toBeUndefined();
    const options = syncSourceOptions({ db: undefined as never }, undefined as unknown as SecretBox, config);
    expect(options.gmailPush).toBeUndefined();
  });

  test("from the environment: Google's issuers and keys, the service account lower-cased, the audience the endpoint", () => {
    const config = loadConfig({
      LIAISON_PUBLIC_URL: 'https://liaison.ourco.com/',
      LIAISON_GMAIL_PUBSUB_TOPIC: TOPIC,
      LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT: SA,
    });
    expect(config.gmailPush).toEqual({
      topicName: TOPIC,
      serviceAccount: SA.toLowerCase(),
      issuers: ['https://accounts.google.com', 'accounts.google.com'],
      jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
    });
    expect(gmailPushAudience(config.gmailPush!, config.publicUrl)).toBe(
      'https://liaison.ourco.com/notifications/gmail',
    );
    const options = syncSourceOptions({ db: undefined as never }, undefined as unknown as SecretBox, config);
    expect(typeof options.gmailPush).toBe('function');
    const custom = loadConfig({
      LIAISON_GMAIL_PUBSUB_TOPIC: TOPIC,
      LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT: SA,
      LIAISON_GMAIL_PUSH_AUDIENCE: 'liaison-gmail-push',
    });
    expect(gmailPushAudience(custom.gmailPush!, custom.publicUrl)).toBe('liaison-gmail-push');
  });

  test('a topic without the service account, or not in the projects/*/topics/* form, stops the start', () => {
    expect(() => loadConfig({ LIAISON_GMAIL_PUBSUB_TOPIC: TOPIC })).toThrow(
      /LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT must be set/,
    );
    expect(() =>
      loadConfig({ LIAISON_GMAIL_PUBSUB_TOPIC: 'gmail', LIAISON_GMAIL_PUSH_SERVICE_ACCOUNT: SA }),
    ).toThrow(/projects\/<project>\/topics\/<topic>/);
  });
});
