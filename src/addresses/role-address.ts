import roleBasedAddresses from 'role-based-email-addresses';
import { localPartOf, normalizeAddress } from './normalize';

// Role and system mailboxes: the maintained list plus the rulebook's own (section 2), which must always hold.
const RULEBOOK_ROLES = [
  'info',
  'support',
  'sales',
  'team',
  'help',
  'hello',
  'contact',
  'admin',
  'billing',
  'office',
  'marketing',
  'noreply',
  'no-reply',
  'donotreply',
  'do-not-reply',
  'postmaster',
  'mailer-daemon',
  'notifications',
];

const ROLES: ReadonlySet<string> = new Set(
  [...roleBasedAddresses, ...RULEBOOK_ROLES].map((r) => r.toLowerCase()),
);

/** True when the local part (without a `+tag`) is a role or system mailbox: info@, no-reply@, postmaster@… */
export function isRoleAddress(address: string): boolean {
  const local = localPartOf(normalizeAddress(address));
  const plus = local.indexOf('+');
  return ROLES.has(plus > 0 ? local.slice(0, plus) : local);
}
