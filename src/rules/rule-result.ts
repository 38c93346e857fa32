import type { SkipReason } from '../types';

/**
 * What one rule says: it passes (with its sentence for the trace) or it skips the email (or event). `R` is the
 * reasons it may give: the email rules' by default; rules shared with events name only the reasons they give.
 */
export type RuleResult<R extends string = SkipReason> =
  { skip?: undefined; sentence: string } | { skip: R; sentence: string };

export const pass = (sentence: string): RuleResult<never> => ({ sentence });
export const skip = <R extends string>(reason: R, sentence: string): RuleResult<R> => ({
  skip: reason,
  sentence: `Skipped: ${sentence}`,
});
