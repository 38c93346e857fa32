/** The bound on rule 9 (issue 14): one email creates at most a set number of contacts, applied after the decision. */
import fc from 'fast-check';
import {
  boundContactCreation,
  decideAutoshare,
  DEFAULT_MAX_CONTACTS_CREATED_PER_EMAIL,
  type AutoshareContext,
  type MailMessage,
} from '../../src';
import { arbCase } from './arbitraries';
import { account, contact, context, message, opportunity, ref } from './builders';
import { expectPlainTrace, expectSave, expectSkip, traceText } from './expectations';

const acme = account('a1', 'acme.com');
const creating = (extra: Parameters<typeof context>[0] = {}) =>
  context({ accounts: [acme], ...extra, settings: { autoCreateContacts: true, ...extra.settings } });
const people = (n: number) => Array.from({ length: n }, (_, i) => `person${i}@acme.com`);
const bounded = (m: MailMessage, ctx: AutoshareContext, max?: number) =>
  boundContactCreation(decideAutoshare(m, ctx), m, ctx, max);

describe('the contact creation bound', () => {
  test('the default bound is 10', () => {
    expect(DEFAULT_MAX_CONTACTS_CREATED_PER_EMAIL).toBe(10);
    const ten = message({ from: 'person0@acme.com', cc: people(10).slice(1) });
    expect(bounded(ten, creating()).create).toHaveLength(10);
    const eleven = message({ from: 'person0@acme.com', cc: people(11).slice(1) });
    expectSkip(bounded(eleven, creating()), 'no_known_participant');
  });

  test('5,000 unknown people at a known domain create no contact, and the trace says why', () => {
    const m = message({ from: 'person0@acme.com', cc: people(5000).slice(1) });
    const d = bounded(m, creating(), 10);
    expectSkip(d, 'no_known_participant');
    expect(traceText(d)).toContain(
      '5,000 people in this email would each have become a new contact, more than the 10 contacts one email may create, so no contact is created from it.',
    );
    expect(traceText(d)).not.toMatch(/Creating contacts automatically is off/);
    expectPlainTrace(d);
  });

  test('over the bound, the known people are still linked, with the related record they give (rule 11)', () => {
    const ctx = creating({
      people: [contact('c1', 'known@acme.com', { accountId: 'a1' })],
      opportunities: [opportunity('o1', 'a1')],
      settings: { linkToOpportunities: true },
    });
    const m = message({ from: 'known@acme.com', cc: people(3) });
    const d = bounded(m, ctx, 2);
    expectSave(d, 'autoshare', { who: [ref.contact('c1')], what: ref.opportunity('o1'), create: [] });
    expect(traceText(d)).toContain('3 people in this email would each have become a new contact');
  });

  test('a bound of 0 creates nothing, and says so', () => {
    const d = bounded(message({ from: 'person0@acme.com' }), creating(), 0);
    expectSkip(d, 'no_known_participant');
    expect(traceText(d)).toContain('no email may create contacts here');
  });

  test('property: never more than the bound; at or under it, the decision is unchanged', () => {
    fc.assert(
      fc.property(arbCase, fc.nat({ max: 4 }), ({ message: m, ctx }, max) => {
        const decision = decideAutoshare(m, ctx);
        const after = boundContactCreation(decision, m, ctx, max);
        expect(after.create.length).toBeLessThanOrEqual(max);
        if (decision.create.length <= max) expect(after).toBe(decision);
      }),
      { numRuns: 500 },
    );
  });

  test('property: over the bound, the answer is the decision without creating contacts, with its reason in the trace', () => {
    fc.assert(
      fc.property(arbCase, fc.nat({ max: 1 }), ({ message: m, ctx }, max) => {
        const decision = decideAutoshare(m, ctx);
        fc.pre(decision.create.length > max);
        const after = boundContactCreation(decision, m, ctx, max);
        const off = decideAutoshare(m, { ...ctx, settings: { ...ctx.settings, autoCreateContacts: false } });
        expect({ ...after, trace: [] }).toEqual({ ...off, trace: [] });
        expect(after.create).toEqual([]);
        expect(traceText(after)).toContain('would each have become a new contact');
        // Nobody known to link in autoshare mode: skipped as no_known_participant.
        if (decision.reason === 'autoshare' && decision.who.length === 0)
          expect(after.reason).toBe('no_known_participant');
        if (after.action === 'save') expect(after.who.length > 0 || after.what !== undefined).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test('property: pure (same input, same answer) and never throws', () => {
    fc.assert(
      fc.property(arbCase, fc.integer({ min: -3, max: 20 }), ({ message: m, ctx }, max) => {
        const decision = decideAutoshare(m, ctx);
        expect(boundContactCreation(decision, m, ctx, max)).toEqual(
          boundContactCreation(decision, m, ctx, max),
        );
      }),
      { numRuns: 300 },
    );
  });
});
