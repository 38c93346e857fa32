import type { Ical } from './ical-module';

// ical.js's recurrence iterator looks for the next occurrence in a loop that ends only when a candidate matches
// every BY rule: a rule no date can match (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30), in a VEVENT or in a VTIMEZONE's
// STANDARD or DAYLIGHT, would hold the process forever in one call. Every candidate goes through the iterator's
// check_contracting_rules(), so that method is wrapped, once, to count against the budget of the file being read
// (reading is synchronous, so one file is read at a time) and to throw once it is spent; the file or the series
// then gives a reason. A candidate costs from a microsecond to some tens (rules that expand a year's days).

export interface CandidateBudget {
  left: number;
}

type Check = (this: unknown, ...args: unknown[]) => unknown;

let active: CandidateBudget | undefined;
const guarded = new WeakSet<object>();

/** Wraps the iterator's candidate check once; false when ical.js has no such method (another version). */
function install(I: Ical): boolean {
  const prototype = I.RecurIterator.prototype as unknown as Record<string, unknown>;
  if (guarded.has(prototype)) return true;
  const check = prototype.check_contracting_rules;
  if (typeof check !== 'function') return false;
  prototype.check_contracting_rules = function (this: unknown, ...args: unknown[]) {
    if (active && --active.left < 0) throw new Error('recurrence rule too costly to expand');
    return (check as Check).apply(this, args);
  };
  guarded.add(prototype);
  return true;
}

/** Runs `work` (synchronous) with every recurrence iterator counting against `budget`; undefined when unguarded. */
export function withCandidateBudget<T>(I: Ical, budget: CandidateBudget, work: () => T): T | undefined {
  if (!install(I)) return undefined;
  const before = active;
  active = budget;
  try {
    return work();
  } finally {
    active = before;
  }
}
