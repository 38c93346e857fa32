import { SAVE_WHEN_SENT_HEADER } from '../api/compose-api';
import { normalizeAddress } from '../addresses/normalize';
import { joinAnd, LEVEL_WORDS } from '../rules/trace-text';
import type { MailMessage, RecordRef, SharingLevel } from '../types';

// "Save when sent" (issue 18), the pure part: which pick, if any, an email the rep sent is saved with, and the
// sentences its trace gets. The server looks the picks up and checks the signatures; this decides, with `now`
// given (no clock, no I/O), so the same facts always give the same answer.

/** A pick as the server keeps it (server/db/save-picks-repo.ts). */
export interface SavePick {
  id: string;
  userId: string;
  who: RecordRef[];
  what?: RecordRef;
  level?: SharingLevel;
  autosaveThread: boolean;
  /** Gmail: the thread of the reply being written. */
  threadId?: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
}

/** What the server found for one token: whether Liaison signed it, and the pick it names (absent: none). */
export interface MarkFacts {
  signatureOk: boolean;
  pick?: SavePick;
}

/** Why a mark was not accepted; each is said in the trace in a rep's words. */
export type MarkProblem =
  'malformed' | 'forged' | 'unchecked' | 'unknown' | 'foreign' | 'used' | 'expired' | 'not_sender';

export type PickVerdict =
  | { kind: 'none' }
  | { kind: 'applies'; pick: SavePick; via: 'header' | 'thread' }
  | { kind: 'ignored'; problem: MarkProblem; via: 'header' | 'thread' };

const TOKEN = /^v1\.([A-Za-z0-9-]{1,64})\.([A-Za-z0-9_-]{43})$/;

/** The token as the header carries it: `v1.<pick id>.<signature>` (a pick id and a signature, never records). */
export function formatSaveToken(pickId: string, signature: string): string {
  return `v1.${pickId}.${signature}`;
}

/** The pick id and signature of a token, or undefined when it is not one Liaison could have made. */
export function parseSaveToken(token: string): { pickId: string; signature: string } | undefined {
  const m = TOKEN.exec(token.trim());
  return m ? { pickId: m[1]!, signature: m[2]! } : undefined;
}

/** The token an email carries in `x-liaison-save`, or undefined (a repeated header: the first value counts). */
export function readSaveMark(message: Pick<MailMessage, 'headers'>): string | undefined {
  const headers = message.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value = headers[SAVE_WHEN_SENT_HEADER];
  if (typeof value !== 'string') return undefined;
  const first = value.trim().split(/[\s,]+/)[0];
  return first ? first : undefined;
}

/**
 * A Gmail pick is for the next email the rep sends in the thread, so not for one sent well before it was made. The
 * slack allows for Gmail's clock and the server's not agreeing to the second.
 */
const THREAD_PICK_SLACK_MS = 10 * 60_000;

export interface PlanInput {
  userId: string;
  /** The mailbox user's addresses: only an email they sent can be saved with their pick. */
  ownAddresses: readonly string[];
  now: Date;
  /** By token, what the server found (tokens it could not look up are absent: `unchecked`). */
  marks: ReadonlyMap<string, MarkFacts>;
  /** The user's picks not used yet for the threads of the batch (Gmail). */
  threadPicks: readonly SavePick[];
}

/**
 * The verdict for each message of a batch, in order. A header wins over a thread pick; a pick saves one email only,
 * the earliest sent when two in one batch would use it (a copy of the header on a second email is `used`).
 */
export function planSaveWhenSent(messages: readonly MailMessage[], input: PlanInput): PickVerdict[] {
  const own = new Set(input.ownAddresses.map(normalizeAddress));
  const now = input.now.getTime();
  const consumed = new Set<string>();
  const order = messages
    .map((message, index) => ({ message, index, at: Date.parse(message.sentAt) }))
    .sort((a, b) => (a.at || 0) - (b.at || 0) || a.index - b.index);
  const verdicts: PickVerdict[] = messages.map(() => ({ kind: 'none' }));
  for (const { message, index, at } of order) {
    const sender = own.has(normalizeAddress(message.from?.address));
    const token = readSaveMark(message);
    if (token !== undefined) {
      verdicts[index] = headerVerdict(token, sender, input, now, consumed);
      continue;
    }
    if (!sender || !message.threadId) continue;
    const pick = input.threadPicks.find(
      (p) =>
        p.threadId === message.threadId &&
        p.userId === input.userId &&
        !p.usedAt &&
        !consumed.has(p.id) &&
        !(at < Date.parse(p.createdAt) - THREAD_PICK_SLACK_MS),
    );
    if (!pick) continue;
    consumed.add(pick.id);
    verdicts[index] =
      Date.parse(pick.expiresAt) <= now
        ? { kind: 'ignored', problem: 'expired', via: 'thread' }
        : { kind: 'applies', pick, via: 'thread' };
  }
  return verdicts;
}

function headerVerdict(
  token: string,
  sender: boolean,
  input: PlanInput,
  now: number,
  consumed: Set<string>,
): PickVerdict {
  const ignored = (problem: MarkProblem): PickVerdict => ({ kind: 'ignored', problem, via: 'header' });
  if (!parseSaveToken(token)) return ignored('malformed');
  const facts = input.marks.get(token);
  if (!facts) return ignored('unchecked');
  if (!facts.signatureOk) return ignored('forged');
  const pick = facts.pick;
  if (!pick) return ignored('unknown');
  if (pick.userId !== input.userId) return ignored('foreign');
  // Someone else's email carrying a copy of the rep's header is not the rep's email.
  if (!sender) return ignored('not_sender');
  if (pick.usedAt || consumed.has(pick.id)) return ignored('used');
  if (Date.parse(pick.expiresAt) <= now) return ignored('expired');
  consumed.add(pick.id);
  return { kind: 'applies', pick, via: 'header' };
}

const PROBLEM_WORDS: Record<MarkProblem, string> = {
  malformed: 'it is not a mark Liaison makes',
  forged: 'its signature is not Liaison’s',
  unchecked: 'this server could not check its signature',
  unknown: 'the records picked for it are no longer kept',
  foreign: 'another user made it',
  used: 'it was used for another email already',
  expired: 'it has expired',
  not_sender: 'you did not send this email',
};

/** The trace's sentence for a mark or thread pick that was not accepted. */
export function ignoredPickSentence(verdict: Extract<PickVerdict, { kind: 'ignored' }>): string {
  const why = PROBLEM_WORDS[verdict.problem];
  return verdict.via === 'header'
    ? `This email carried a Save when sent mark that Liaison could not accept (${why}), so the usual rules decided.`
    : `Records were picked for this thread with Save when sent, but Liaison could not use them (${why}), so the ` +
        'usual rules decided.';
}

const refWords = (links: readonly RecordRef[]) => joinAnd(links.map((r) => `${r.kind} ${r.id}`));

/** The trace of an email saved with its pick (records by `kind id`, which the faces name). */
export function pickSaveTrace(pick: SavePick, level: SharingLevel): string[] {
  const links = [...pick.who, ...(pick.what ? [pick.what] : [])];
  return [
    'Saved when sent, linked to the records you picked while writing: an email a rep picks records for is saved ' +
      'whatever the autosharing settings say (rulebook section 4).',
    `Linked to ${refWords(links)}, with ${LEVEL_WORDS[level]}.`,
  ];
}

/** The trace's sentence when the email was saved already: the pick's records were added to that activity. */
export function pickLinksAddedSentence(added: readonly RecordRef[]): string {
  return added.length > 0
    ? `Save when sent: the email was already saved in the CRM, so the records you picked while writing were ` +
        `added to it (${refWords(added)}); one email is one activity.`
    : 'Save when sent: the email was already saved in the CRM with the records you picked while writing.';
}
