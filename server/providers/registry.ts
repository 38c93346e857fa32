// The mail providers, one line each: the rest of the server reaches a provider only through this list and the
// interfaces (provider.ts, mail-source.ts, calendar-source.ts). A new provider is a new folder and a line here.
import type { MailboxKind } from '../db/mailboxes-repo';
import { google } from './google/google-provider';
import { imap } from './imap/imap-provider';
import { maildir } from './maildir/maildir-provider';
import { microsoft } from './microsoft/microsoft-provider';
import type { DemoMailbox, Provider, SourceOptionsContext } from './provider';

const LISTED = [microsoft, google, imap, maildir] as const;

type SourceOptionsOf<P> = P extends Provider<infer O> ? O : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every provider's part of the sync engine's source options, together. */
export type ProviderSourceOptions = Intersection<SourceOptionsOf<(typeof LISTED)[number]>>;

export const PROVIDERS: readonly Provider<ProviderSourceOptions>[] = LISTED;

/** The provider of a mailbox kind. */
export function providerOf(kind: MailboxKind): Provider<ProviderSourceOptions> {
  const provider = PROVIDERS.find((p) => p.kind === kind);
  if (!provider) throw new Error(`No mail provider reads mailboxes of kind ${kind}`);
  return provider;
}

/** A provider by its folder's name (the Gmail add-on reads the open email through Google's). */
export function providerNamed(id: string): Provider<ProviderSourceOptions> {
  const provider = PROVIDERS.find((p) => p.id === id);
  if (!provider) throw new Error(`No mail provider named ${id}`);
  return provider;
}

/** The providers' parts of the engine's source options, from the server's configuration (push needs `db`). */
export function providerSourceOptions(context: SourceOptionsContext): ProviderSourceOptions {
  return Object.assign(
    {},
    ...PROVIDERS.map((p) => p.sourceOptions?.(context) ?? {}),
  ) as ProviderSourceOptions;
}

/** `npm start`'s demo mailbox, from the provider that offers one (Maildir). */
export function demoMailbox(): DemoMailbox | undefined {
  return PROVIDERS.find((p) => p.demo)?.demo;
}
