// New records' prefill (issue 19): the newest email from the address in the rep's own connected inbox, read through
// its provider for this request only (the body is dropped with the answer, never stored), and what its display name
// and signature say. The organisation's display setting ("show information extracted from emails") decides whether
// such details are shown at all.
import { isPlainAddrSpec, normalizeAddress, type MailMessage } from '../../src';
import type { ContactDetailsRequest, ContactDetailsResponse } from '../../src/api/contact-details-api';
import { contactDetails } from '../../src/signatures/contact-details';
import type { AppDeps } from '../app/app-deps';
import { badRequest } from '../app/http-error';
import { getMailboxOfUser } from '../db/mailboxes-repo';
import { getOrganisation } from '../db/organisation-repo';
import type { User } from '../db/users-repo';
import { MailSourceError } from '../providers/mail-source';
import { providerOf, providerSourceOptions } from '../providers/registry';
import { sourceRequest } from '../sync/mail-source-factory';

type Deps = Pick<AppDeps, 'db' | 'config' | 'secrets'>;

/** The newest email from `address`, or why none could be read. */
async function latestEmail(
  deps: Deps,
  user: User,
  address: string,
): Promise<{ message: MailMessage } | { note: string }> {
  const mailbox = await getMailboxOfUser(deps.db, user.id);
  if (!mailbox) return { note: 'No mailbox is connected on My mailbox, so only the name shown was read.' };
  const provider = providerOf(mailbox.kind);
  const source = await provider.mailSource(
    sourceRequest(mailbox, {
      ...providerSourceOptions({ config: deps.config, db: deps.db }),
      secrets: deps.secrets,
    }),
  );
  try {
    if (!source.latestFrom)
      return { note: `Liaison cannot search a ${provider.label} mailbox, so only the name shown was read.` };
    const message = await source.latestFrom(address);
    return message
      ? { message }
      : { note: `Your inbox has no email from ${address} to read a signature from.` };
  } catch (error) {
    if (!(error instanceof MailSourceError)) throw error;
    return {
      note: `Your mailbox could not be read just now (${error.message}), so only the name shown was read.`,
    };
  } finally {
    await source.close().catch(() => undefined);
  }
}

export async function readContactDetails(
  deps: Deps,
  user: User,
  request: ContactDetailsRequest,
): Promise<ContactDetailsResponse> {
  const address = normalizeAddress(request.address);
  if (!isPlainAddrSpec(address)) throw badRequest(`"${request.address}" is not an email address.`);
  if (!(await getOrganisation(deps.db)).showExtractedInfo)
    return { shown: false, note: 'Your organisation does not show details read from emails.' };
  const found = await latestEmail(deps, user, address);
  if (!('message' in found)) {
    const details = contactDetails({
      address,
      ...(request.displayName ? { displayName: request.displayName } : {}),
    });
    return { shown: true, details, note: found.note };
  }
  const { message } = found;
  const displayName = request.displayName || message.from.name;
  return {
    shown: true,
    details: contactDetails({
      address,
      ...(displayName ? { displayName } : {}),
      ...(message.bodyText ? { bodyText: message.bodyText } : {}),
    }),
    readFrom: { subject: message.subject, sentAt: message.sentAt },
  };
}
