import type { SkipReason } from '../types';

/** What one rule says: it passes (with its sentence for the trace) or it skips the email. */
export type RuleResult = { skip?: undefined; sentence: string } | { skip: SkipReason; sentence: string };

export const pass = (sentence: string): RuleResult => ({ sentence });
export const skip = (reason: SkipReason, sentence: string): RuleResult => ({
  skip: reason,
  sentence: `Skipped: ${sentence}`,
});
