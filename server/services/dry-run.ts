import { boundContactCreation, decideAutoshare, type MailMessage, type SyncSettings } from '../../src';
import type { AppDeps } from '../app/app-deps';
import { gatherContext } from '../context/gather-context';
import { mergeSyncSettings, type SyncSettingsPatch } from '../db/default-sync-settings';
import { listDecisions, type DecisionLogEntry } from '../db/decision-log-repo';
import type { User } from '../db/users-repo';
import { dryRunEvents } from './dry-run-events';

// "With these settings, the last 7 days would have saved N and skipped M": the core decides again on the envelopes
// kept in the decision log (no bodies, no Bcc, no other header fields are kept, so automated mail was already
// weeded out and is counted as it was), with the proposed settings and today's CRM, before anything is saved.

function envelopeMessage(entry: DecisionLogEntry): MailMessage {
  return {
    internetMessageId: entry.messageId,
    ...(entry.threadId ? { threadId: entry.threadId } : {}),
    folder: entry.folder as MailMessage['folder'],
    from: { address: entry.from },
    to: entry.to.map((address) => ({ address })),
    cc: entry.cc.map((address) => ({ address })),
    bcc: [],
    subject: entry.subject,
    sentAt: entry.sentAt,
  };
}

export async function dryRun(
  deps: Pick<AppDeps, 'db' | 'crm' | 'now'> & { config?: Pick<AppDeps['config'], 'maxContactsPerEmail'> },
  user: User,
  patch: SyncSettingsPatch,
  days: number,
) {
  const since = deps.now().getTime() - days * 86_400_000;
  // The emails the sync looked at: a save by hand from a sidebar is logged too, but autosharing never decided it
  // (the rep's mailbox may not even be connected), so it is not one of "the emails looked at".
  const entries = (await listDecisions(deps.db, user.id, { limit: 5000 })).filter(
    (e) => Date.parse(e.decidedAt) >= since && e.decision.reason !== 'manual',
  );
  // Each email once: the latest decision about it.
  const latest = new Map<string, DecisionLogEntry>();
  for (const e of entries) if (!latest.has(e.messageId)) latest.set(e.messageId, e);
  const looked = [...latest.values()];
  const messages = looked.map(envelopeMessage);
  const byReason: Record<string, number> = {};
  let saved = 0;
  if (messages.length > 0) {
    const { ctx } = await gatherContext(deps, user, messages);
    const settings: SyncSettings = mergeSyncSettings(ctx.settings, patch);
    const proposed = { ...ctx, settings, savedMessageIds: [] };
    for (const [i, message] of messages.entries()) {
      // The log keeps no header fields, so rule 4a's verdict is taken from the original decision.
      const decision =
        looked[i]?.decision.reason === 'automated'
          ? { action: 'skip' as const, reason: 'automated' }
          : boundContactCreation(
              decideAutoshare(message, proposed),
              message,
              proposed,
              deps.config?.maxContactsPerEmail,
            );
      if (decision.action === 'save') saved++;
      else byReason[decision.reason] = (byReason[decision.reason] ?? 0) + 1;
    }
  }
  const events = await dryRunEvents(deps, user, patch, days);
  return { days, looked: messages.length, saved, skipped: messages.length - saved, byReason, events };
}
