// The signed-in user's view of their own mailbox: what is connected, Active or Inactive (the same judgement the
// admin sees, from user-status.ts, with the words addressed to the user), the last sync and what was decided.
import type { Kysely } from 'kysely';
import type { MailboxStatus } from '../../src/api/mailbox-api';
import type { ServerConfig } from '../config';
import type { Database } from '../db/database-types';
import { decisionCounts } from '../db/decision-log-repo';
import { getMailboxOfUser, type Mailbox } from '../db/mailboxes-repo';
import { getOrganisation } from '../db/organisation-repo';
import { getSyncSettings } from '../db/settings-repo';
import { getUser, type User } from '../db/users-repo';
import { addressOf } from './mailbox-store';
import { userStatus } from './user-status';

type StatusCode = NonNullable<MailboxStatus['statusCode']>;

const WHAT_TO_DO: Record<StatusCode, string> = {
  autosharing_stopped:
    'Your Liaison admin stopped autosharing for everyone; nothing is read until they start it.',
  not_included: 'Your Liaison admin has not included you in autosharing yet: ask them to.',
  not_connected: 'Connect your mailbox: Microsoft 365, Google, or any IMAP server.',
  sign_in_expired: 'Reconnect your mailbox: nothing is lost, mail since the last sync is read after you do.',
  consent_revoked: 'Reconnect your mailbox and accept the access Liaison asks for.',
  provider_error: 'Liaison retries on its own (1, 2, 4 … 30 minutes). Reconnect if it lasts.',
  sync_error: 'Liaison retries on its own (1, 2, 4 … 30 minutes).',
};

function statusCodeOf(
  user: User,
  autosharingEnabled: boolean,
  mailbox: Mailbox | undefined,
): StatusCode | null {
  if (!autosharingEnabled) return 'autosharing_stopped';
  if (!user.includedInImport) return 'not_included';
  if (!mailbox) return 'not_connected';
  if (mailbox.status === 'inactive') return mailbox.statusReason ?? 'sync_error';
  return null;
}

/** The organisation-wide reasons read as the admin sees them (user-status.ts); the mailbox's own from its row. */
function reasonOf(
  code: StatusCode | null,
  mailbox: Mailbox | undefined,
  userReason: string | undefined,
): string {
  if (code === 'autosharing_stopped' || code === 'not_included') return userReason ?? code;
  if (code === 'not_connected') return 'Mailbox not connected.';
  return mailbox?.statusDetails ?? userReason ?? 'The last sync failed.';
}

export async function mailboxStatusOf(
  deps: { db: Kysely<Database>; config: ServerConfig },
  userId: string,
): Promise<MailboxStatus> {
  const [user, organisation, mailbox, decisions, settings] = await Promise.all([
    getUser(deps.db, userId),
    getOrganisation(deps.db),
    getMailboxOfUser(deps.db, userId),
    decisionCounts(deps.db, userId),
    getSyncSettings(deps.db, userId),
  ]);
  if (!user) throw new Error(`user ${userId} is gone`);
  const code = statusCodeOf(user, organisation.autosharingEnabled, mailbox);
  const reason = reasonOf(code, mailbox, userStatus(user, organisation).reason);
  return {
    connected: mailbox !== undefined,
    mailbox: mailbox
      ? {
          kind: mailbox.kind,
          // A Maildir (the embedded demo) has no account of its own: it is the user's mail.
          address: addressOf(mailbox) || (user.addresses[0] ?? ''),
          connectedAt: mailbox.connectedAt,
          ...(mailbox.kind === 'imap'
            ? {
                imap: {
                  host: String(mailbox.settings.host ?? ''),
                  port: Number(mailbox.settings.port ?? 993),
                  secure: mailbox.settings.secure !== false,
                },
              }
            : {}),
        }
      : null,
    status: code ? 'Inactive' : 'Active',
    statusCode: code,
    ...(code ? { reason, whatToDo: WHAT_TO_DO[code] } : {}),
    details: code ? (mailbox?.lastError ?? null) : null,
    lastSyncAt: mailbox?.lastSyncAt ?? null,
    nextSyncAt: mailbox?.nextSyncAt ?? null,
    counts: { looked: decisions.save + decisions.skip, saved: decisions.save, skipped: decisions.skip },
    calendar: mailbox
      ? {
          sharing: settings.autoshareMeetings || settings.autoshareAppointments,
          lastSyncAt: mailbox.calendarSyncedAt,
          error: mailbox.calendarError,
        }
      : null,
    available: { graph: deps.config.graph !== undefined, gmail: deps.config.gmail !== undefined, imap: true },
  };
}
