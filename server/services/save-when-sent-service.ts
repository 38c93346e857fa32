import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  formatSaveToken,
  parseSaveToken,
  recordKey,
  type MarkFacts,
  type RecordRef,
  type SharingLevel,
} from '../../src';
import { SAVE_WHEN_SENT_HEADER, type SaveWhenSentResponse } from '../../src/api/compose-api';
import type { AppDeps } from '../app/app-deps';
import { badRequest, HttpError } from '../app/http-error';
import type { Database } from '../db/database-types';
import { createSavePick, findSavePicks } from '../db/save-picks-repo';
import type { User } from '../db/users-repo';
import type { SecretBox } from '../secrets';

// "Save when sent" (issue 18): the pick is kept here, and the faces get a token naming it, signed with the server's
// secret key, so a header no one can forge points at records no one can read from it. The sync (sync-batch.ts)
// checks the token of a sent copy with checkSaveMarks.

/** The signature's purpose: a key of its own, derived from the secret key (secret-box.ts). */
const PURPOSE = 'save-when-sent';

/**
 * How long a pick waits for its email. Long: a draft may sit for weeks before it is sent, and sending it is what
 * the rep asked to be saved; not for ever, so an old draft sent by mistake months later does not land in the CRM.
 */
export const PICK_LIFETIME_DAYS = 30;
const DAY_MS = 86_400_000;

export interface PickRequest {
  who: RecordRef[];
  what?: RecordRef;
  level?: SharingLevel;
  autosaveThread: boolean;
  threadId?: string;
}

export async function createPick(
  deps: Pick<AppDeps, 'db' | 'crm' | 'secrets' | 'now'>,
  user: User,
  request: PickRequest,
): Promise<SaveWhenSentResponse> {
  if (request.who.length === 0 && !request.what)
    throw badRequest('Pick at least one contact, lead, opportunity or account to link the email to.');
  await assertRecordsExist(deps, [...request.who, ...(request.what ? [request.what] : [])]);
  const now = deps.now();
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + PICK_LIFETIME_DAYS * DAY_MS);
  await createSavePick(deps.db, {
    id,
    userId: user.id,
    who: request.who,
    ...(request.what ? { what: request.what } : {}),
    ...(request.level ? { level: request.level } : {}),
    autosaveThread: request.autosaveThread,
    ...(request.threadId !== undefined ? { threadId: request.threadId } : {}),
    createdAt: now,
    expiresAt,
  });
  return {
    header: SAVE_WHEN_SENT_HEADER,
    token: formatSaveToken(id, deps.secrets.sign(PURPOSE, id)),
    expiresAt: expiresAt.toISOString(),
  };
}

/** The picked records the CRM does not know are refused now, while the rep can still pick others. */
async function assertRecordsExist(deps: Pick<AppDeps, 'crm'>, refs: RecordRef[]): Promise<void> {
  let details: Record<string, unknown>;
  try {
    details = await deps.crm.getRecordDetails(refs);
  } catch (error) {
    throw new HttpError(
      502,
      'crm_error',
      `The CRM could not be asked about the records picked: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  const missing = refs.filter((r) => details[recordKey(r)] === undefined);
  if (missing.length > 0)
    throw badRequest(
      `The CRM has no ${missing.map((r) => `${r.kind} ${r.id}`).join(', ')}: pick records found in the CRM.`,
      { missing },
    );
}

/**
 * What the server knows of each token: whether its signature is the server's, and the pick it names. Without the
 * secret key (a sync engine started without it) nothing is checked, and the marks are left out (`unchecked`).
 */
export async function checkSaveMarks(
  db: Kysely<Database>,
  secrets: Pick<SecretBox, 'verifySignature'> | undefined,
  tokens: readonly string[],
): Promise<Map<string, MarkFacts>> {
  const facts = new Map<string, MarkFacts>();
  if (!secrets) return facts;
  const signed = new Map<string, string>();
  for (const token of new Set(tokens)) {
    const parsed = parseSaveToken(token);
    if (!parsed) continue;
    if (secrets.verifySignature(PURPOSE, parsed.pickId, parsed.signature)) signed.set(token, parsed.pickId);
    else facts.set(token, { signatureOk: false });
  }
  const picks = await findSavePicks(db, [...signed.values()]);
  for (const [token, id] of signed) {
    const pick = picks.get(id);
    facts.set(token, pick ? { signatureOk: true, pick } : { signatureOk: true });
  }
  return facts;
}
