/**
 * Checks shared by the rulebook tests: every decision has a readable trace, skips carry nothing to
 * link, and saves are compared exactly on who, what and create.
 */
import { decideAutoshare } from '../../src';
import type { AutoshareContext, AutoshareDecision, MailMessage, RecordRef, SkipReason } from '../../src';

/** The trace is one or more plain sentences: non-empty strings ending with a period. */
export function expectPlainTrace(d: AutoshareDecision): void {
  expect(Array.isArray(d.trace)).toBe(true);
  expect(d.trace.length).toBeGreaterThan(0);
  for (const sentence of d.trace) {
    expect(typeof sentence).toBe('string');
    expect(sentence.trim().length).toBeGreaterThan(1);
    expect(sentence.trimEnd().endsWith('.')).toBe(true);
  }
}

/** decideAutoshare, with the trace checked on every call. */
export function decide(message: MailMessage, ctx: AutoshareContext): AutoshareDecision {
  const d = decideAutoshare(message, ctx);
  expectPlainTrace(d);
  return d;
}

export function expectSkip(d: AutoshareDecision, reason: SkipReason): void {
  expect({ action: d.action, reason: d.reason }).toEqual({ action: 'skip', reason });
  expect(d.who).toEqual([]);
  expect(d.what).toBeUndefined();
  expect(d.create).toEqual([]);
}

export interface Links {
  who?: RecordRef[];
  what?: RecordRef;
  create?: { address: string; accountId: string }[];
}

const byAddress = (a: { address: string }, b: { address: string }) => a.address.localeCompare(b.address);

/** A save, compared exactly; `create` has no order in the rulebook, so it is compared as a set. */
export function expectSave(
  d: AutoshareDecision,
  reason: 'autoshare' | 'thread_autosave',
  links: Links = {},
): void {
  expect({ action: d.action, reason: d.reason }).toEqual({ action: 'save', reason });
  expect(d.who).toEqual(links.who ?? []);
  expect(d.what).toEqual(links.what);
  expect([...d.create].sort(byAddress)).toEqual([...(links.create ?? [])].sort(byAddress));
}

export const traceText = (d: AutoshareDecision): string => d.trace.join(' ');
