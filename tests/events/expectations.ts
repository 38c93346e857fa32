/** Checks shared by the event rule tests: a readable trace on every decision, empty lists on every skip. */
import { decideEventAutoshare } from '../../src';
import type { CalendarEvent, EventContext, EventDecision, EventSkipReason, RecordRef } from '../../src';

/** One plain sentence per rule applied: non-empty strings ending with a period, none repeated. */
export function expectPlainTrace(d: EventDecision): void {
  expect(d.trace.length).toBeGreaterThan(0);
  for (const sentence of d.trace) {
    expect(typeof sentence).toBe('string');
    expect(sentence.trim().length).toBeGreaterThan(1);
    expect(sentence.trimEnd().endsWith('.')).toBe(true);
  }
  expect(new Set(d.trace).size).toBe(d.trace.length);
}

export function decide(event: CalendarEvent, ctx: EventContext): EventDecision {
  const d = decideEventAutoshare(event, ctx);
  expectPlainTrace(d);
  return d;
}

export function expectSkip(d: EventDecision, reason: EventSkipReason): void {
  expect({ action: d.action, reason: d.reason }).toEqual({ action: 'skip', reason });
  expect(d.who).toEqual([]);
  expect(d.what).toBeUndefined();
  expect(d.create).toEqual([]);
  expect(d.invitees).toEqual([]);
}

export interface Links {
  who?: RecordRef[];
  what?: RecordRef;
  create?: { address: string; accountId: string }[];
  invitees?: string[];
}

/** A save or an update, compared exactly on what it links. */
export function expectWrite(
  d: EventDecision,
  action: 'save' | 'update',
  reason: 'meeting' | 'appointment',
  links: Links = {},
): void {
  expect({ action: d.action, reason: d.reason, kind: d.kind }).toEqual({ action, reason, kind: reason });
  expect(d.who).toEqual(links.who ?? []);
  expect(d.what).toEqual(links.what);
  expect(d.create).toEqual(links.create ?? []);
  expect(d.invitees).toEqual(links.invitees ?? []);
}

export const traceText = (d: EventDecision): string => d.trace.join(' ');
