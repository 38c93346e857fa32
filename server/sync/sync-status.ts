// What a failed run means for the mailbox's status: the reason people see, the details, and when to retry.
import { MailSourceError } from '../providers/mail-source';
import type { MailboxStatusReason, RunOutcome } from '../db/mailboxes-repo';
import { backoffMs } from './backoff';

const DETAILS: Record<MailboxStatusReason, string> = {
  not_connected: 'Mailbox not connected.',
  sign_in_expired: 'The mailbox sign-in expired or was refused: reconnect the mailbox.',
  consent_revoked: 'Access to the mailbox was revoked: reconnect the mailbox.',
  provider_error: 'The mail provider could not be reached or answered with an error.',
  sync_error: 'The sync failed (CRM or database); it is retried on its own.',
};

export function reasonOf(error: unknown): MailboxStatusReason {
  if (!(error instanceof MailSourceError)) return 'sync_error';
  if (error.kind === 'auth') return 'sign_in_expired';
  if (error.kind === 'consent_revoked') return 'consent_revoked';
  return 'provider_error';
}

export function failureOutcome(error: unknown, previousFailures: number, now: Date): RunOutcome {
  const reason = reasonOf(error);
  const failures = previousFailures + 1;
  const retryAfter = error instanceof MailSourceError ? error.retryAfterMs : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 'inactive',
    statusReason: reason,
    statusDetails: DETAILS[reason],
    lastError: message.slice(0, 1000),
    consecutiveFailures: failures,
    nextSyncAt: new Date(now.getTime() + backoffMs(failures, retryAfter)),
  };
}

export function successOutcome(now: Date, intervalMs: number): RunOutcome {
  return {
    status: 'active',
    statusReason: null,
    statusDetails: null,
    lastError: null,
    consecutiveFailures: 0,
    nextSyncAt: new Date(now.getTime() + intervalMs),
    lastSyncAt: now,
  };
}
