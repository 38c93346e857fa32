// Builds the MailSource of a stored mailbox: settings from the row, the secret opened from the SecretBox (associated
// data = mailbox id). Graph and Gmail also need the app's OAuth client (from the environment); without it such a
// mailbox fails with `auth` and shows as Inactive.
import { createImapSource } from '../providers/imap';
import type { ImapAuth } from '../providers/imap';
import { createMaildirSource } from '../providers/maildir';
import {
  GmailMailSource,
  gmailAuthClient,
  type GmailAuthConfig,
  type GmailGrant,
  type GmailPushOptions,
} from '../providers/google';
import {
  GraphMailSource,
  graphTokenProvider,
  type GraphAuthConfig,
  type GraphGrant,
  type GraphPushOptions,
  type GraphPushStore,
} from '../providers/microsoft';
import { MailSourceError, type MailSource } from '../providers/mail-source';
import type { Mailbox } from '../db/mailboxes-repo';
import type { SecretBox } from '../secrets';

export type MailSourceFactory = (mailbox: Mailbox) => MailSource | Promise<MailSource>;

export interface SourceFactoryOptions {
  secrets?: SecretBox;
  graph?: GraphAuthConfig & { baseUrl?: string };
  gmail?: GmailAuthConfig & { rootUrl?: string };
  /** Gmail push for a mailbox (its watch stored in mailbox_push), when a Pub/Sub topic is configured. */
  gmailPush?: (mailbox: Mailbox) => GmailPushOptions;
  /** Stores a rotated secret (msal's token cache) sealed again. */
  onSecretChange?: (mailbox: Mailbox, secret: Record<string, unknown>) => Promise<void>;
  /** Graph change notifications (absent: Graph mailboxes are polled only). */
  graphPush?: GraphPushFactoryOptions;
}

/** What a Graph source's push needs, per mailbox: the URL (resolved when a source is built) and its store. */
export type GraphPushFactoryOptions = Omit<GraphPushOptions, 'notificationUrl' | 'store'> & {
  notificationUrl: () => string;
  store: (mailboxId: string) => GraphPushStore;
};

export function defaultMailSourceFactory(options: SourceFactoryOptions = {}): MailSourceFactory {
  const secretOf = (mailbox: Mailbox): Record<string, unknown> => {
    if (!mailbox.sealedSecret) return {};
    if (!options.secrets) throw new MailSourceError('auth', 'No secret key to open the mailbox credentials');
    try {
      return JSON.parse(options.secrets.open(mailbox.sealedSecret, mailbox.id)) as Record<string, unknown>;
    } catch (error) {
      throw new MailSourceError('auth', 'The stored mailbox credentials cannot be opened', undefined, {
        cause: error,
      });
    }
  };
  return (mailbox) => {
    const s = mailbox.settings;
    switch (mailbox.kind) {
      case 'maildir':
        if (typeof s.dir !== 'string')
          throw new MailSourceError('not_found', 'Maildir mailbox without a folder');
        return createMaildirSource({ dir: s.dir });
      case 'imap': {
        const secret = secretOf(mailbox);
        const user = String(s.user ?? '');
        const auth: ImapAuth =
          typeof secret.accessToken === 'string'
            ? { user, accessToken: secret.accessToken }
            : { user, pass: String(secret.pass ?? '') };
        return createImapSource({
          host: String(s.host ?? ''),
          port: Number(s.port ?? 993),
          secure: s.secure !== false,
          auth,
          logger: false,
        });
      }
      case 'graph': {
        if (!options.graph) throw new MailSourceError('auth', 'Microsoft 365 sign-in is not configured');
        const grant = secretOf(mailbox) as GraphGrant;
        const tokens = graphTokenProvider(options.graph, grant, async (tokenCache) => {
          await options.onSecretChange?.(mailbox, { ...grant, tokenCache });
        });
        const push = options.graphPush;
        return new GraphMailSource({
          tokens,
          ...(options.graph.baseUrl ? { baseUrl: options.graph.baseUrl } : {}),
          ...(push
            ? {
                push: {
                  ...push,
                  notificationUrl: push.notificationUrl(),
                  store: push.store(mailbox.id),
                },
              }
            : {}),
        });
      }
      case 'gmail': {
        if (!options.gmail) throw new MailSourceError('auth', 'Google sign-in is not configured');
        const grant = secretOf(mailbox) as unknown as GmailGrant;
        return new GmailMailSource({
          auth: gmailAuthClient(options.gmail, grant),
          ...(options.gmail.rootUrl ? { rootUrl: options.gmail.rootUrl } : {}),
          ...(options.gmailPush ? { push: options.gmailPush(mailbox) } : {}),
        });
      }
    }
  };
}
