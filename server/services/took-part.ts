// A rep saves by hand, or adds links to, only an email they took part in: one of their addresses (aliases included)
// is in its From, To, Cc or Bcc. Otherwise anyone could write an activity "saved by" them, or links, for an email
// between other people.
import { normalizeAddress, type MailMessage } from '../../src';
import { HttpError } from '../app/http-error';
import type { User } from '../db/users-repo';

function envelope(message: MailMessage): string[] {
  const fields: unknown[] = [
    message.from,
    ...[message.to, message.cc, message.bcc].flatMap((list) => list ?? []),
  ];
  return fields.flatMap((value) => {
    const address = (value as { address?: unknown } | null)?.address;
    return typeof address === 'string' ? [normalizeAddress(address)] : [];
  });
}

/** Throws a 403 with a sentence when none of the user's addresses is on the email. */
export function assertTookPart(user: User, message: MailMessage, doing: 'save' | 'add links to'): void {
  const mine = new Set(user.addresses.map(normalizeAddress));
  if (envelope(message).some((address) => mine.has(address))) return;
  throw new HttpError(
    403,
    'not_a_participant',
    `You can ${doing === 'save' ? 'save only an email' : 'add links only to an email'} you took part in: none of ` +
      `your addresses (${user.addresses.join(', ')}) is in its From, To, Cc or Bcc.`,
  );
}
