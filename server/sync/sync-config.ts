// The engine's settings from the environment.
import { attachmentLimitMb, maxContactsPerEmail } from '../config';
import { DEFAULT_DECISION_LOG_RETENTION_DAYS } from '../db/decision-log-retention';
import { DEFAULT_SOURCE_LIMITS } from './source-cache';

export interface SyncConfig {
  /** Seconds between two runs of one mailbox (LIAISON_SYNC_INTERVAL_SECONDS, default 60). */
  intervalSeconds: number;
  /** Mailboxes one worker runs at once (LIAISON_SYNC_CONCURRENCY, default 4). */
  concurrency: number;
  /** Messages per batch (LIAISON_SYNC_BATCH_SIZE, default 1000). */
  batchSize: number;
  /** Batches one run may take before it yields to other mailboxes (the rest follows at once). */
  maxBatchesPerRun: number;
  /** How often a worker asks for due jobs (LIAISON_SYNC_POLL_SECONDS, default 1; pg-boss's minimum is 0.5). */
  pollSeconds: number;
  /** Push (IMAP IDLE, Maildir inotify) brings runs forward (LIAISON_SYNC_WATCH=off turns it off). */
  watch: boolean;
  /** IMAP and Maildir sources a worker keeps open between runs (LIAISON_SYNC_MAX_OPEN_SOURCES, default 500). */
  maxOpenSources: number;
  /** IMAP IDLE connections and Maildir watches a worker keeps, for the most active mailboxes (LIAISON_SYNC_MAX_WATCHED, default 100). */
  maxWatched: number;
  /** MB of attachment files saved per email at `full` (LIAISON_ATTACHMENT_LIMIT_MB, default 25: server/config.ts). */
  attachmentLimitMb: number;
  /** Contacts one email may create at most (LIAISON_MAX_CONTACTS_CREATED_PER_EMAIL, default 10: server/config.ts). */
  maxContactsPerEmail: number;
  /** Days the decision log keeps a decision (LIAISON_DECISION_LOG_RETENTION_DAYS, default 90); older ones are deleted. */
  decisionLogRetentionDays: number;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
}

export function loadSyncConfig(env: Record<string, string | undefined> = process.env): SyncConfig {
  return {
    intervalSeconds: positive('LIAISON_SYNC_INTERVAL_SECONDS', env.LIAISON_SYNC_INTERVAL_SECONDS, 60),
    concurrency: Math.floor(positive('LIAISON_SYNC_CONCURRENCY', env.LIAISON_SYNC_CONCURRENCY, 4)),
    batchSize: Math.floor(positive('LIAISON_SYNC_BATCH_SIZE', env.LIAISON_SYNC_BATCH_SIZE, 1000)),
    maxBatchesPerRun: 20,
    pollSeconds: Math.max(0.5, positive('LIAISON_SYNC_POLL_SECONDS', env.LIAISON_SYNC_POLL_SECONDS, 1)),
    watch: env.LIAISON_SYNC_WATCH !== 'off',
    maxOpenSources: Math.floor(
      positive(
        'LIAISON_SYNC_MAX_OPEN_SOURCES',
        env.LIAISON_SYNC_MAX_OPEN_SOURCES,
        DEFAULT_SOURCE_LIMITS.maxOpen,
      ),
    ),
    maxWatched: Math.floor(
      positive('LIAISON_SYNC_MAX_WATCHED', env.LIAISON_SYNC_MAX_WATCHED, DEFAULT_SOURCE_LIMITS.maxWatched),
    ),
    attachmentLimitMb: attachmentLimitMb(env),
    maxContactsPerEmail: maxContactsPerEmail(env),
    decisionLogRetentionDays: positive(
      'LIAISON_DECISION_LOG_RETENTION_DAYS',
      env.LIAISON_DECISION_LOG_RETENTION_DAYS,
      DEFAULT_DECISION_LOG_RETENTION_DAYS,
    ),
  };
}
