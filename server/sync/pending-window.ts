// The 24-hour window (ClientSuccess: an email is brought in when it is to or from a contact that exists within
// twenty-four hours of it). An email skipped with `no_known_participant` keeps its envelope (never its body) until
// 24 hours after its date. The mailbox's runs ask the CRM, in one batched call, whether a contact or lead now exists
// for one of the waiting addresses: at once for an address a record was just made for (in Liaison, or auto-created by
// a sync: requestPendingCheck), otherwise every RECHECK_MS (someone may have created it in the CRM itself; asking
// every minute for every mailbox would spend a CRM's API allowance on nothing). Those emails are decided again through `decideAutoshare` with a fresh
// context, so every other rule still applies (a blacklist added meanwhile, changed settings, saved meanwhile by
// another mailbox: the ledger keeps it one activity). At `full` the body is read again from the mailbox.
import {
  boundContactCreation,
  decideAutoshare,
  normalizeAddress,
  normalizeMessageId,
  parseIsoDateTime,
  threadIdOf,
  type AutoshareDecision,
  type MailMessage,
} from '../../src';
import { describeRecord, joinAnd } from '../../src/rules/trace-text';
import { gatherContext } from '../context/gather-context';
import type { Mailbox } from '../db/mailboxes-repo';
import {
  dropExpiredPending,
  dropPending,
  envelopeMessage,
  listPending,
  markPendingChecked,
  type NewPendingEnvelope,
  type PendingEnvelope,
} from '../db/pending-envelopes-repo';
import { storableMessage } from '../db/storable';
import type { User } from '../db/users-repo';
import type { MailBatch, MailSource } from '../providers/mail-source';
import { saveDecisions, type Decided, type SaveDeps } from './save-decisions';

export const WINDOW_MS = 24 * 60 * 60 * 1000;
/** How often the CRM is asked again about waiting addresses nobody made a record for in Liaison. */
export const RECHECK_MS = 5 * 60 * 1000;

/** 24 hours from the email's date, or from when it was seen when its date is later (or not a date). */
export function windowEnd(sentAt: string, seenAt: Date): Date {
  const sent = parseIsoDateTime(sentAt);
  return new Date(Math.min(sent ?? seenAt.getTime(), seenAt.getTime()) + WINDOW_MS);
}

/**
 * Of a batch's decisions, the envelopes to keep (skipped with `no_known_participant`, window still open), each
 * decision's trace saying so; and the Message-IDs decided otherwise, which wait no longer (an email read again in
 * another folder, say).
 */
export function envelopesToKeep(
  decided: Decided[],
  sourceIdOf: MailBatch['sourceIdOf'],
  seenAt: Date,
): { keep: NewPendingEnvelope[]; settled: string[] } {
  const keep: NewPendingEnvelope[] = [];
  const settled: string[] = [];
  for (const item of decided) {
    const { message, decision } = item;
    const expiresAt = windowEnd(message.sentAt, seenAt);
    if (decision.reason !== 'no_known_participant' || expiresAt <= seenAt) {
      settled.push(message.internetMessageId);
      continue;
    }
    const sourceId = sourceIdOf?.(message);
    keep.push({
      message,
      threadId: threadIdOf(message),
      ...(sourceId !== undefined ? { sourceId } : {}),
      seenAt,
      expiresAt,
    });
    item.decision = {
      ...decision,
      trace: [
        ...decision.trace,
        `Its addresses are kept until ${expiresAt.toISOString()} (24 hours from the email): if a contact or lead ` +
          'appears for one of them by then, the email is decided again.',
      ],
    };
  }
  return { keep, settled };
}

export interface RecheckResult {
  /** Envelopes decided again (a contact or lead appeared for one of their addresses). */
  looked: number;
  saved: number;
}

/**
 * One mailbox's waiting envelopes against the CRM: drops those past their window, asks the CRM for people at the
 * other addresses in one call, and decides again the envelopes where one now matches. Those still without anybody to
 * link wait on; the others are logged (saved or not) and wait no longer.
 */
export async function recheckPending(
  deps: SaveDeps,
  mailbox: Pick<Mailbox, 'id' | 'connectedAt'>,
  user: User,
  source: Pick<MailSource, 'fetchMessage'>,
  now: Date,
): Promise<RecheckResult> {
  await dropExpiredPending(deps.db, now, mailbox.id);
  const due = now.getTime() - RECHECK_MS;
  const waiting = (await listPending(deps.db, mailbox.id, now)).filter(
    (e) => e.checkedAt === null || Date.parse(e.checkedAt) <= due,
  );
  if (waiting.length === 0) return { looked: 0, saved: 0 };
  const checked = (trx: SaveDeps['db'], except: Set<string>) =>
    markPendingChecked(
      trx,
      mailbox.id,
      waiting.map((e) => e.messageId).filter((id) => !except.has(id)),
      now,
    );

  const own = new Set(user.addresses.map(normalizeAddress));
  const others = (e: PendingEnvelope) => [e.from, ...e.to, ...e.cc, ...e.bcc].filter((a) => a && !own.has(a));
  const addresses = [...new Set(waiting.flatMap(others))];
  if (addresses.length === 0) {
    await checked(deps.db, new Set());
    return { looked: 0, saved: 0 };
  }
  // Rule 8: converted leads never match; soft-deleted people still do.
  const people = (await deps.crm.findPeopleByEmails(addresses)).filter(
    (p) => !(p.kind === 'lead' && p.converted),
  );
  const found = new Map<string, string[]>();
  for (const person of people) {
    for (const { address } of person.emails) {
      const key = normalizeAddress(address);
      found.set(key, [...(found.get(key) ?? []), describeRecord(person)]);
    }
  }
  const candidates = waiting.filter((e) => others(e).some((a) => found.has(a)));
  if (candidates.length === 0) {
    await checked(deps.db, new Set());
    return { looked: 0, saved: 0 };
  }

  const messages = candidates.map(envelopeMessage);
  const { ctx } = await gatherContext(deps, user, messages);
  ctx.connectedAt = mailbox.connectedAt; // rule 3 counts from this mailbox's connection
  const decided: Decided[] = [];
  const envelopes = new Map<MailMessage, PendingEnvelope>();
  candidates.forEach((envelope, i) => {
    const message = messages[i]!;
    const decision = boundContactCreation(
      decideAutoshare(message, ctx),
      message,
      ctx,
      deps.maxContactsPerEmail,
    );
    if (decision.reason === 'no_known_participant') return; // the person found is not a candidate: it waits on
    envelopes.set(message, envelope);
    decided.push({ message, decision: decidedAgain(decision, envelope, others(envelope), found) });
  });
  if (decided.length === 0) {
    await checked(deps.db, new Set());
    return { looked: 0, saved: 0 };
  }
  const decidedIds = decided.map((d) => d.message.internetMessageId);

  const result = await saveDecisions(deps, user, decided, {
    // The server keeps no body: at `full` it is read again from the mailbox, where the source listed it.
    withBody: async (message) => {
      const envelope = envelopes.get(message)!;
      if (envelope.sourceId === null) return undefined;
      const read = await source.fetchMessage(envelope.sourceId, envelope.folder);
      const whole = read && storableMessage(read); // as storable as the envelope kept of it
      if (!whole || normalizeMessageId(whole.internetMessageId) !== envelope.messageId) return undefined;
      return { ...message, bodyText: whole.bodyText ?? '', attachments: whole.attachments ?? [] };
    },
    record: async (trx) => {
      await dropPending(trx, mailbox.id, decidedIds);
      await checked(trx, new Set(decidedIds));
    },
  });
  return { looked: decided.length, saved: result.saved };
}

/** The fresh decision, its trace opened with why the email was looked at again. */
function decidedAgain(
  decision: AutoshareDecision,
  envelope: PendingEnvelope,
  addresses: string[],
  found: Map<string, string[]>,
): AutoshareDecision {
  const matches = addresses
    .filter((a, i) => found.has(a) && addresses.indexOf(a) === i)
    .map((a) => `${joinAnd(found.get(a)!)} for ${a}`);
  const first =
    `Decided again within 24 hours of the email (first looked at ${envelope.seenAt}, when nobody in it could be ` +
    `linked): the CRM now has ${joinAnd(matches)}.`;
  return { ...decision, trace: [first, ...decision.trace] };
}
