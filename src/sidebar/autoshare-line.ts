import type { AutoshareDecision, SkipReason } from '../types';
import { joinAnd } from '../rules/trace-text';

// The one line both sidebars show about autosharing, and the short label of each skip reason (also used by the
// dashboard's Activity page filters).

export const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  invalid_message: 'malformed email',
  excluded_folder: 'folder not synced',
  not_users_message: 'not your email',
  before_connection: 'sent before your mailbox was connected',
  already_saved: 'already saved',
  automated: 'automated email',
  autoshare_off: 'auto-sharing is off',
  internal: 'internal email',
  blacklisted: 'blacklisted participant',
  no_known_participant: 'no known contact or lead',
  no_opportunity_or_account: 'no opportunity or account to link',
};

export function autoshareLine(
  decision: AutoshareDecision,
  nameOf: (kind: string, id: string) => string,
): string {
  if (decision.action === 'skip') {
    if (decision.reason === 'already_saved') return 'Already saved to the CRM.';
    return `Won't be saved: ${SKIP_REASON_LABELS[decision.reason as SkipReason] ?? decision.reason}.`;
  }
  const links = [
    ...decision.who.map((r) => nameOf(r.kind, r.id)),
    ...decision.create.map((c) => `a new contact for ${c.address}`),
    ...(decision.what ? [nameOf(decision.what.kind, decision.what.id)] : []),
  ];
  return `Will be saved at the next sync, linked to ${joinAnd(links)}.`;
}
