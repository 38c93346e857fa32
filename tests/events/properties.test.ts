/** Properties of the event rules that hold for every input (event-rules.md sections 1 to 4). */
import fc from 'fast-check';
import { decideEventAutoshare, eventFingerprint, eventKey, shareEventContent } from '../../src';
import type { CalendarEvent, EventContext, EventDecision, EventSkipReason } from '../../src';
import { isBlacklisted, isInternal, isUser } from '../rulebook/arbitraries';
import { arbEvent, arbEventCase, norm } from './arbitraries';
import { event as validEvent, eventContext } from './builders';
import { modelDecideEvent } from './reference-model';

const RUNS = { numRuns: 1000 };
const SKIP_REASONS: EventSkipReason[] = [
  'invalid_event',
  'excluded_calendar',
  'not_users_event',
  'private',
  'declined',
  'before_connection',
  'beyond_horizon',
  'cancelled',
  'unchanged',
  'meetings_off',
  'appointments_off',
  'internal',
  'blacklisted',
  'no_known_participant',
  'no_opportunity_or_account',
];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const shuffled = <T>(xs: T[]) => fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length });

describe('properties: the generators reach the interesting paths', () => {
  test('properties: every reason and action is reached', () => {
    const ds = fc
      .sample(arbEventCase, { numRuns: 4000, seed: 20260302 })
      .map(({ event, ctx }) => decideEventAutoshare(event, ctx));
    const reasons = new Set(ds.map((d) => d.reason));
    for (const r of SKIP_REASONS.filter((r) => r !== 'invalid_event')) expect(reasons).toContain(r);
    for (const r of ['meeting', 'appointment'] as const) expect(reasons).toContain(r);
    const actions = new Set(ds.map((d) => d.action));
    for (const a of ['save', 'update', 'cancel', 'skip'] as const) expect(actions).toContain(a);
    const share = (p: (d: EventDecision) => boolean) => ds.filter(p).length / ds.length;
    expect(share((d) => d.who.length > 0)).toBeGreaterThan(0.03);
    expect(share((d) => d.invitees.length > 0)).toBeGreaterThan(0.003);
    expect(share((d) => d.create.length > 0)).toBeGreaterThan(0.01);
    expect(share((d) => d.what !== undefined)).toBeGreaterThan(0.02);
  });
});

describe('properties: decideEventAutoshare', () => {
  test('properties: deterministic, and the input is left untouched (pure)', () => {
    fc.assert(
      fc.property(arbEventCase, (generated) => {
        const { event, ctx } = structuredClone(generated);
        const e0 = structuredClone(event);
        const c0 = structuredClone(ctx);
        const first = decideEventAutoshare(event, ctx);
        expect(event).toStrictEqual(e0);
        expect(ctx).toStrictEqual(c0);
        const again = decideEventAutoshare(
          deepFreeze(structuredClone(event)),
          deepFreeze(structuredClone(ctx)),
        );
        expect(again).toEqual(first);
      }),
      RUNS,
    );
  });

  test('properties: the core agrees with an independent reading of rules 1 to 14 (all but the trace)', () => {
    fc.assert(
      fc.property(arbEventCase, ({ event, ctx }) => {
        const { trace: _trace, ...decision } = decideEventAutoshare(event, ctx);
        expect(decision).toEqual(modelDecideEvent(event, ctx, eventKey(event), eventFingerprint(event)));
      }),
      RUNS,
    );
  });

  test('properties: the order of the CRM lists, CRM users, saved events and blacklist does not matter', () => {
    const arb = arbEventCase.chain(({ event, ctx }) =>
      fc.record({
        event: fc.constant(event),
        ctx: fc.constant(ctx),
        people: shuffled(ctx.crm.people),
        accounts: shuffled(ctx.crm.accounts),
        opportunities: shuffled(ctx.crm.opportunities),
        blacklist: shuffled(ctx.blacklist),
        crmUsers: shuffled(ctx.crmUsers),
        savedEvents: shuffled(ctx.savedEvents),
        internalDomains: shuffled(ctx.internalDomains),
      }),
    );
    fc.assert(
      fc.property(arb, ({ event, ctx, people, accounts, opportunities, ...lists }) => {
        const reordered: EventContext = {
          ...ctx,
          ...lists,
          crm: { ...ctx.crm, people, accounts, opportunities },
        };
        expect(decideEventAutoshare(event, reordered)).toEqual(decideEventAutoshare(event, ctx));
      }),
      RUNS,
    );
  });

  test('properties: a skip or a cancel links nothing; every decision is well formed', () => {
    fc.assert(
      fc.property(arbEventCase, ({ event, ctx }) => {
        const d = decideEventAutoshare(event, ctx);
        expect(d.key).toBe(eventKey(event));
        expect(['metadata', 'subject', 'full']).toContain(d.content);
        expect(d.trace.length).toBeGreaterThan(0);
        for (const s of d.trace) expect(s.trimEnd().endsWith('.')).toBe(true);
        if (d.action === 'skip') expect(SKIP_REASONS).toContain(d.reason);
        if (d.action === 'cancel') expect(d.reason).toBe('cancelled');
        if (d.action === 'skip' || d.action === 'cancel' || d.reason === 'appointment') {
          expect(d.who).toEqual([]);
          expect(d.what).toBeUndefined();
          expect(d.create).toEqual([]);
          expect(d.invitees).toEqual([]);
        }
        if (d.action === 'save' || d.action === 'update') expect(d.reason).toBe(d.kind);
        const keys = d.who.map((r) => `${r.kind}:${r.id}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(d.invitees).size).toBe(d.invitees.length);
        expect(d.invitees).not.toContain(ctx.user.crmUserId);
      }),
      RUNS,
    );
  });

  test('properties: nothing blacklisted, internal, declined or a room is ever linked, created or invited', () => {
    fc.assert(
      fc.property(arbEventCase, ({ event, ctx }) => {
        const d = decideEventAutoshare(event, ctx);
        // The addresses rules 10 and 13 may act on: participants' first entries, not resources, not declined.
        const seen = new Set<string>();
        const usable = new Set<string>();
        const entries = [
          { address: event.organizer.address, type: 'organizer', response: 'accepted' },
          ...event.attendees.filter((a) => a.type === 'required'),
          ...event.attendees.filter((a) => a.type === 'optional'),
        ];
        for (const a of entries) {
          const address = norm(a.address);
          if (seen.has(address)) continue;
          seen.add(address);
          if (a.response !== 'declined' && !isBlacklisted(address, ctx)) usable.add(address);
        }
        const linkable = (a: string) => usable.has(a) && !isInternal(a, ctx) && !isUser(a, ctx);
        for (const c of d.create) expect(linkable(c.address)).toBe(true);
        for (const ref of d.who) {
          const person = ctx.crm.people.find((p) => p.id === ref.id && p.kind === ref.kind);
          expect(person?.emails.some((e) => linkable(norm(e.address)))).toBe(true);
        }
        for (const id of d.invitees) {
          const addresses = ctx.crmUsers.filter((u) => u.crmUserId === id).map((u) => norm(u.address));
          expect(addresses.some((a) => usable.has(a))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test('properties: arbitrary JSON as an event gives invalid_event and never throws', () => {
    const ctx = eventContext();
    fc.assert(
      fc.property(fc.jsonValue(), (garbage) => {
        const event = garbage as unknown as CalendarEvent;
        const d = decideEventAutoshare(event, ctx);
        expect(d.reason).toBe('invalid_event');
        expect(d.action).toBe('skip');
        expect(typeof eventKey(event)).toBe('string');
        expect(typeof eventFingerprint(event)).toBe('string');
        expect(typeof shareEventContent(event, 'full').body).toBe('string');
      }),
      RUNS,
    );
  });

  test('properties: a valid event with one field replaced by arbitrary JSON never throws, and a skip names the field', () => {
    const fields = Object.keys(validEvent()) as (keyof CalendarEvent)[];
    const arb = fc.record({
      event: arbEvent,
      field: fc.constantFrom(...fields, 'recurrenceId', 'location'),
      value: fc.jsonValue(),
    });
    const ctx = eventContext();
    fc.assert(
      fc.property(arb, ({ event, field, value }) => {
        const broken = { ...event, [field]: value } as unknown as CalendarEvent;
        const d = decideEventAutoshare(broken, ctx);
        if (d.reason === 'invalid_event') expect(d.trace.join(' ')).toMatch(/malformed: /);
        expect(typeof shareEventContent(broken, 'metadata').subject).toBe('string');
        expect(typeof eventFingerprint(broken)).toBe('string');
      }),
      RUNS,
    );
  });

  test('properties: arbitrary JSON as a context never throws', () => {
    fc.assert(
      fc.property(arbEvent, fc.jsonValue(), (event, garbage) => {
        const d = decideEventAutoshare(event, garbage as unknown as EventContext);
        expect(typeof d.reason).toBe('string');
      }),
      RUNS,
    );
  });

  test('properties: rule 6 reads the same fingerprint as eventFingerprint: a copy saved as it is is never an update', () => {
    fc.assert(
      fc.property(arbEvent, (event) => {
        const saved = {
          key: eventKey(event),
          fingerprint: eventFingerprint(event),
          sequence: event.sequence,
          cancelled: false,
        };
        const d = decideEventAutoshare(event, eventContext({ savedEvents: [saved] }));
        expect(d.action).not.toBe('update');
        expect(['save', 'update']).not.toContain(d.action);
      }),
      RUNS,
    );
  });

  test('properties: the fingerprint ignores attendee order, responses and address case', () => {
    const arb = arbEvent.chain((event) =>
      fc.record({ event: fc.constant(event), attendees: shuffled(event.attendees) }),
    );
    fc.assert(
      fc.property(arb, ({ event, attendees }) => {
        const other = {
          ...event,
          attendees: attendees.map((a) => ({
            ...a,
            address: a.address.toUpperCase(),
            response: 'none' as const,
          })),
        };
        expect(eventFingerprint(other)).toBe(eventFingerprint(event));
      }),
      RUNS,
    );
  });
});
