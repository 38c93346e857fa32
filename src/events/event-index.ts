import { normalizeAddress } from '../addresses/normalize';
import { compareIds } from '../rules/record-order';
import { pass, type RuleResult } from '../rules/rule-result';
import { parseIsoDateTime } from '../time/iso-date-time';
import type { EventContext, SavedEvent } from './event-types';

// What the event rules look up beyond the email rules' index (rules/context-index.ts, shared): the events
// already saved, by key, and the colleagues who use the CRM, by address. Indexed once per context object, so a
// sync batch pays for it once. Lists may arrive in any order and with duplicates: the answer is the same.

export const DEFAULT_HORIZON_DAYS = 30;

export interface EventIndex {
  saved: Map<string, SavedEvent>;
  crmUserByAddress: Map<string, string>;
  nowMs: number | null;
  horizonDays: number;
  /** `30 days`, and rule 5's sentence when an event is within the window: worded once per context. */
  horizonWords: string;
  withinHorizon: RuleResult<never>;
}

const cache = new WeakMap<object, EventIndex>();

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Between two entries for one key, a fixed choice: the latest sequence, then one written as cancelled. */
function newer(a: SavedEvent, b: SavedEvent): boolean {
  if (a.sequence !== b.sequence) return a.sequence > b.sequence;
  if (a.cancelled !== b.cancelled) return a.cancelled;
  return compareIds(a.fingerprint, b.fingerprint) < 0;
}

function indexSaved(entries: unknown[]): Map<string, SavedEvent> {
  const byKey = new Map<string, SavedEvent>();
  for (const entry of entries) {
    if (!isObject(entry) || typeof entry.key !== 'string') continue;
    const saved: SavedEvent = {
      key: entry.key,
      fingerprint: typeof entry.fingerprint === 'string' ? entry.fingerprint : '',
      sequence: typeof entry.sequence === 'number' && !Number.isNaN(entry.sequence) ? entry.sequence : 0,
      cancelled: entry.cancelled === true,
    };
    const previous = byKey.get(saved.key);
    if (!previous || newer(saved, previous)) byKey.set(saved.key, saved);
  }
  return byKey;
}

function indexCrmUsers(entries: unknown[]): Map<string, string> {
  const byAddress = new Map<string, string>();
  for (const entry of entries) {
    if (!isObject(entry) || typeof entry.crmUserId !== 'string' || entry.crmUserId === '') continue;
    const address = normalizeAddress(entry.address);
    if (address === '') continue;
    const previous = byAddress.get(address);
    // One address listed for two CRM users: the smallest id, whatever the order.
    if (previous === undefined || compareIds(entry.crmUserId, previous) < 0)
      byAddress.set(address, entry.crmUserId);
  }
  return byAddress;
}

export function indexEventContext(ctx: EventContext): EventIndex {
  const key = isObject(ctx) ? ctx : undefined;
  const cached = key && cache.get(key);
  if (cached) return cached;
  const days = key?.horizonDays;
  // A missing or unusable horizon is the default one.
  const horizonDays =
    typeof days === 'number' && Number.isFinite(days) && days >= 0 ? days : DEFAULT_HORIZON_DAYS;
  const horizonWords = `${horizonDays} ${horizonDays === 1 ? 'day' : 'days'}`;
  const index: EventIndex = {
    saved: indexSaved(list(key?.savedEvents)),
    crmUserByAddress: indexCrmUsers(list(key?.crmUsers)),
    nowMs: parseIsoDateTime(key?.now),
    horizonDays,
    horizonWords,
    withinHorizon: pass(
      `It is after your calendar was connected and starts within the next ${horizonWords}.`,
    ),
  };
  if (key) cache.set(key, index);
  return index;
}
