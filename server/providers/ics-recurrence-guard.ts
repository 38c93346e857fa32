// ical.js's recurrence iterator looks for the next occurrence in a loop that ends only when a candidate matches
// every BY rule: a rule no date can match (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) would hold the process forever in
// one call. Each candidate goes through the iterator's check_contracting_rules(), so the guard counts those calls
// against a budget (one per calendar file, shared by its series) and throws once it is spent; the series then gives
// a reason. A candidate costs from a microsecond to some tens (rules that expand a year's days each time).

export interface CandidateBudget {
  left: number;
}

type Check = (...args: unknown[]) => unknown;

/**
 * Installs the budget on the expansion (an ical.js RecurExpansion) and returns true; false when its rule iterators
 * cannot be found (another ical.js), in which case the series must not be expanded.
 */
export function guardExpansion(expansion: object, budget: CandidateBudget): boolean {
  const iterators = (expansion as { ruleIterators?: unknown }).ruleIterators;
  if (!Array.isArray(iterators)) return false;
  for (const iterator of iterators as Record<string, unknown>[]) {
    const check = iterator.check_contracting_rules;
    if (typeof check !== 'function') return false;
    iterator.check_contracting_rules = function (this: unknown, ...args: unknown[]) {
      if (--budget.left < 0) throw new Error('recurrence rule too costly to expand');
      return (check as Check).apply(this, args);
    };
  }
  return true;
}
