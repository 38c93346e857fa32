// Creating records so that none is lost and none is made twice: sObject Collections with allOrNone false,
// per-record transient failures (row locks…) retried, a DUPLICATE_VALUE resolved to the existing record, and
// after a timeout (the request may have been applied) the records looked up before anything is sent again.
import { SalesforceConsentRevokedError, SalesforceRequestError } from './salesforce-errors';
import type { SalesforceClient } from './salesforce-client';

export type CreateOutcome =
  | { status: 'created'; id: string }
  | { status: 'existing'; id: string }
  | { status: 'failed'; code: string; message: string };

export interface CreateHooks {
  /** Finds records that already exist for these input indexes (after a timeout, or for duplicates). */
  lookup?: (indexes: number[]) => Promise<Map<number, string>>;
  /** DUPLICATE_VALUE means the record is there: look it up (`lookup`) or just accept it (`accept`). */
  onDuplicate: 'lookup' | 'accept' | 'fail';
  /** Rounds of sending (default 5). */
  maxRounds?: number;
}

const TRANSIENT_RECORD_CODES = new Set([
  'UNABLE_TO_LOCK_ROW',
  'REQUEST_LIMIT_EXCEEDED',
  'SERVER_UNAVAILABLE',
]);

export async function createReliably(
  client: SalesforceClient,
  type: string,
  records: Record<string, unknown>[],
  hooks: CreateHooks,
): Promise<CreateOutcome[]> {
  const out: (CreateOutcome | undefined)[] = records.map(() => undefined);
  const lastError = new Map<number, { code: string; message: string }>();
  let pending = records.map((_, i) => i);
  const maxRounds = hooks.maxRounds ?? 5;
  for (let round = 1; pending.length && round <= maxRounds; round++) {
    if (round > 1) await client.backoff(round - 1);
    let results;
    try {
      results = await client.createMany(
        type,
        pending.map((i) => records[i] as Record<string, unknown>),
      );
    } catch (e) {
      if (e instanceof SalesforceConsentRevokedError) throw e;
      const err =
        e instanceof SalesforceRequestError ? e : new SalesforceRequestError('UNKNOWN', String(e), false);
      for (const i of pending) lastError.set(i, { code: err.code, message: err.message });
      if (!err.ambiguous) break; // limits and outages were already retried by the client: report, resume later
      if (hooks.lookup) {
        // It may have been written: whatever exists now was created by that request.
        const found = await hooks.lookup(pending);
        for (const [i, id] of found) out[i] = { status: 'created', id };
        pending = pending.filter((i) => !found.has(i));
      }
      continue;
    }
    const retry: number[] = [];
    const duplicates: number[] = [];
    results.forEach((r, j) => {
      const i = pending[j] as number;
      if (r.success && r.id) {
        out[i] = { status: 'created', id: r.id };
        return;
      }
      const error = r.errors[0] ?? { statusCode: 'UNKNOWN', message: 'no error given' };
      lastError.set(i, { code: error.statusCode, message: error.message });
      if (error.statusCode === 'DUPLICATE_VALUE' && hooks.onDuplicate !== 'fail') duplicates.push(i);
      else if (TRANSIENT_RECORD_CODES.has(error.statusCode)) retry.push(i);
      else out[i] = { status: 'failed', code: error.statusCode, message: error.message };
    });
    if (duplicates.length && hooks.onDuplicate === 'accept') {
      for (const i of duplicates) out[i] = { status: 'existing', id: '' };
    } else if (duplicates.length) {
      const found = hooks.lookup ? await hooks.lookup(duplicates) : new Map<number, string>();
      for (const i of duplicates) {
        const id = found.get(i);
        // Not there after all (a duplicate of something else, or a spurious answer): send it again.
        if (id) out[i] = { status: 'existing', id };
        else retry.push(i);
      }
    }
    pending = retry.sort((a, b) => a - b);
  }
  return out.map(
    (o, i) =>
      o ?? {
        status: 'failed',
        code: lastError.get(i)?.code ?? 'NOT_SAVED',
        message: lastError.get(i)?.message ?? 'not saved after retries',
      },
  );
}
