// Builds the MailSource of a stored mailbox through its provider (providers/registry.ts): settings from the row,
// the secret opened from the SecretBox (associated data = mailbox id). Microsoft 365 and Google also need the app's
// OAuth client (from the environment); without it such a mailbox fails with `auth` and shows as Inactive.
import type { Mailbox } from '../db/mailboxes-repo';
import type { CalendarSource } from '../providers/calendar-source';
import { MailSourceError, type MailSource } from '../providers/mail-source';
import { providerOf, type ProviderSourceOptions } from '../providers/registry';
import type { SecretBox } from '../secrets';

export type MailSourceFactory = (mailbox: Mailbox) => MailSource | Promise<MailSource>;

/** The secret key, where rotated secrets go, and each provider's own options (its OAuth client, push). */
export type SourceFactoryOptions = ProviderSourceOptions & {
  secrets?: SecretBox;
  /** Stores a rotated secret (msal's token cache) sealed again. */
  onSecretChange?: (mailbox: Mailbox, secret: Record<string, unknown>) => Promise<void>;
};

/** A stored mailbox's calendar, undefined where its provider has none. */
export type CalendarSourceFactory = (mailbox: Mailbox) => Promise<CalendarSource | undefined>;

export function defaultMailSourceFactory(options: SourceFactoryOptions = {}): MailSourceFactory {
  return (mailbox) => providerOf(mailbox.kind).mailSource(sourceRequest(mailbox, options));
}

export function defaultCalendarSourceFactory(options: SourceFactoryOptions = {}): CalendarSourceFactory {
  return async (mailbox) => {
    const provider = providerOf(mailbox.kind);
    return provider.calendarSource ? provider.calendarSource(sourceRequest(mailbox, options)) : undefined;
  };
}

/** What a provider gets to reach a stored mailbox: the row, its secret opened on demand, the options. */
export function sourceRequest(mailbox: Mailbox, options: SourceFactoryOptions) {
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
  return {
    mailbox,
    secret: () => secretOf(mailbox),
    ...(options.onSecretChange
      ? { onSecretChange: (secret: Record<string, unknown>) => options.onSecretChange!(mailbox, secret) }
      : {}),
    options,
  };
}
