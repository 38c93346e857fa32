/** Properties of decideAutoshare and shareContent that hold for every input (rulebook sections 1, 2, 3, 3b). */
import fc from 'fast-check';
import { decideAutoshare, shareContent } from '../../src';
import type { AutoshareContext, AutoshareDecision, MailMessage, SkipReason } from '../../src';
import {
  arbCase,
  arbContext,
  arbMessage,
  BCC_DOMAIN,
  domainOf,
  isBlacklisted,
  isInternal,
  isOutbound,
  isUser,
  malformedAddress,
  malformedDate,
  norm,
  participants,
} from './arbitraries';
import { modelDecide } from './reference-model';

const RUNS = { numRuns: 1000 };
const LEVELS = ['metadata', 'subject', 'full'] as const;
const SKIP_REASONS: SkipReason[] = [
  'invalid_message',
  'excluded_folder',
  'not_users_message',
  'before_connection',
  'already_saved',
  'automated',
  'autoshare_off',
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

const withoutTrace = ({ trace: _trace, ...rest }: AutoshareDecision) => rest;

describe('properties: the generators reach the interesting paths', () => {
  test('properties: a healthy share of generated cases is saved, with links, creations and related records', () => {
    const cases = fc.sample(arbCase, { numRuns: 3000, seed: 20260302 });
    const ds = cases.map(({ message, ctx }) => decideAutoshare(message, ctx));
    const share = (p: (d: AutoshareDecision) => boolean) => ds.filter(p).length / ds.length;
    expect(share((d) => d.action === 'save')).toBeGreaterThan(0.2);
    expect(share((d) => d.who.length > 0)).toBeGreaterThan(0.1);
    expect(share((d) => d.create.length > 0)).toBeGreaterThan(0.02);
    expect(share((d) => d.what?.kind === 'opportunity')).toBeGreaterThan(0.02);
    expect(share((d) => d.what?.kind === 'account')).toBeGreaterThan(0.02);
    expect(share((d) => d.reason === 'thread_autosave')).toBeGreaterThan(0.02);
    const reasons = new Set(ds.map((d) => d.reason));
    for (const r of SKIP_REASONS.filter((r) => r !== 'invalid_message')) expect(reasons).toContain(r);
  });
});

describe('properties: decideAutoshare', () => {
  test('properties: deterministic, and the input is left untouched (section 1: pure)', () => {
    fc.assert(
      fc.property(arbCase, (generated) => {
        // fast-check builds records without a prototype; plain clones keep the strict comparison about content.
        const { message, ctx } = structuredClone(generated);
        const m0 = structuredClone(message);
        const c0 = structuredClone(ctx);
        const first = decideAutoshare(message, ctx);
        expect(message).toStrictEqual(m0);
        expect(ctx).toStrictEqual(c0);
        const again = decideAutoshare(deepFreeze(structuredClone(message)), deepFreeze(structuredClone(ctx)));
        expect(again).toEqual(first);
      }),
      RUNS,
    );
  });

  test('properties: the core agrees with an independent reading of rules 1 to 12 (reason, who, what, create, content)', () => {
    const byAddress = (a: { address: string }, b: { address: string }) => (a.address < b.address ? -1 : 1);
    fc.assert(
      fc.property(arbCase, ({ message, ctx }) => {
        const d = decideAutoshare(message, ctx);
        const actual = {
          action: d.action,
          reason: d.reason,
          who: d.who,
          what: d.what,
          create: d.create.map((c) => ({ ...c, address: norm(c.address) })).sort(byAddress),
          content: d.content,
        };
        const expected = modelDecide(message, ctx);
        expect(actual).toEqual({
          ...expected,
          what: expected.what,
          create: [...expected.create].sort(byAddress),
        });
      }),
      RUNS,
    );
  });

  test('properties: the result does not depend on the order of people, accounts, opportunities or blacklist', () => {
    const shuffled = <T>(xs: T[]) => fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length });
    const arb = arbCase.chain(({ message, ctx }) =>
      fc.record({
        message: fc.constant(message),
        ctx: fc.constant(ctx),
        people: shuffled(ctx.crm.people),
        accounts: shuffled(ctx.crm.accounts),
        opportunities: shuffled(ctx.crm.opportunities),
        blacklist: shuffled(ctx.blacklist),
      }),
    );
    fc.assert(
      fc.property(arb, ({ message, ctx, people, accounts, opportunities, blacklist }) => {
        const reordered: AutoshareContext = {
          ...ctx,
          blacklist,
          crm: { ...ctx.crm, people, accounts, opportunities },
        };
        expect(withoutTrace(decideAutoshare(message, reordered))).toEqual(
          withoutTrace(decideAutoshare(message, ctx)),
        );
      }),
      RUNS,
    );
  });

  test('properties: on skip, who, what and create are empty; reasons and content are well formed', () => {
    fc.assert(
      fc.property(arbCase, ({ message, ctx }) => {
        const d = decideAutoshare(message, ctx);
        expect(['save', 'skip']).toContain(d.action);
        if (d.action === 'skip') {
          expect(SKIP_REASONS).toContain(d.reason);
          expect(d.who).toEqual([]);
          expect(d.what).toBeUndefined();
          expect(d.create).toEqual([]);
        } else {
          expect(['autoshare', 'thread_autosave']).toContain(d.reason);
        }
        // Rule 12, on save and skip alike.
        expect(d.content).toBe(ctx.settings.sharing[isOutbound(message, ctx) ? 'outbound' : 'inbound']);
        // Rule 8: no duplicates in who.
        expect(new Set(d.who.map((r) => `${r.kind}:${r.id}`)).size).toBe(d.who.length);
        expect(d.trace.length).toBeGreaterThan(0);
        for (const s of d.trace) expect(s.trimEnd().endsWith('.')).toBe(true);
      }),
      RUNS,
    );
  });

  test('properties: no blacklisted, internal or own address is ever linked or created', () => {
    fc.assert(
      fc.property(arbCase, ({ message, ctx }) => {
        const d = decideAutoshare(message, ctx);
        const candidates = new Set(
          participants(message).filter(
            (a) => !isUser(a, ctx) && !isInternal(a, ctx) && !isBlacklisted(a, ctx),
          ),
        );
        for (const r of d.who) {
          const matches = ctx.crm.people.filter((p) => p.id === r.id && p.kind === r.kind);
          expect(matches).toHaveLength(1);
          // Linked through at least one email that is a candidate (rule 8).
          expect(matches[0]!.emails.some((e) => candidates.has(norm(e.address)))).toBe(true);
          expect(matches[0]!.kind === 'lead' && matches[0]!.converted === true).toBe(false);
        }
        for (const c of d.create) {
          expect(candidates.has(norm(c.address))).toBe(true);
          const owners = ctx.crm.accounts.filter((a) =>
            a.domains.some((x) => norm(x) === domainOf(c.address)),
          );
          expect(owners.map((a) => a.id)).toEqual([c.accountId]);
        }
        // Rule 7, skip-email: any blacklisted participant other than the user skips the whole email.
        const anyBlacklisted = participants(message).some((a) => !isUser(a, ctx) && isBlacklisted(a, ctx));
        if (ctx.settings.blacklistPolicy === 'skip-email' && anyBlacklisted) expect(d.action).toBe('skip');
      }),
      RUNS,
    );
  });

  test('properties: nothing throws for arbitrary strings or objects in any message field', () => {
    const wild = fc.oneof(fc.string(), fc.anything());
    const wildAddress = fc.oneof(fc.record({ address: fc.string() }), fc.anything());
    const arb = fc.record({
      base: arbMessage,
      ctx: arbContext,
      patch: fc.record(
        {
          internetMessageId: wild,
          threadId: wild,
          folder: wild,
          from: wildAddress,
          to: fc.oneof(fc.array(wildAddress, { maxLength: 3 }), fc.anything()),
          cc: fc.oneof(fc.array(wildAddress, { maxLength: 3 }), fc.anything()),
          bcc: fc.oneof(fc.array(wildAddress, { maxLength: 3 }), fc.anything()),
          subject: wild,
          sentAt: wild,
          bodyText: wild,
          attachments: wild,
          headers: fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.anything()),
        },
        { requiredKeys: [] },
      ),
    });
    fc.assert(
      fc.property(arb, ({ base, ctx, patch }) => {
        const m = { ...base, ...patch } as unknown as MailMessage;
        const d = decideAutoshare(m, ctx);
        expect(['save', 'skip']).toContain(d.action);
        expect(Array.isArray(d.trace)).toBe(true);
        for (const level of LEVELS) shareContent(m, level);
      }),
      RUNS,
    );
  });

  test('properties: nothing throws for dirty CRM data, blacklist entries or settings lists', () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('', ' ', '@', 'a@', '@b', 'john@acme.com', 'not a date'),
    );
    const arb = fc.record({
      message: arbMessage,
      ctx: arbContext,
      people: fc.array(
        fc.record({
          id: text,
          kind: fc.constantFrom<'contact' | 'lead'>('contact', 'lead'),
          emails: fc.array(fc.record({ address: text, primary: fc.boolean() }), { maxLength: 3 }),
          accountId: fc.option(text, { nil: undefined }),
          createdAt: text,
          converted: fc.option(fc.boolean(), { nil: undefined }),
        }),
        { maxLength: 4 },
      ),
      accounts: fc.array(fc.record({ id: text, domains: fc.array(text, { maxLength: 3 }) }), {
        maxLength: 3,
      }),
      opportunities: fc.array(
        fc.record({ id: text, accountId: text, ownerId: text, createdAt: text, closed: fc.boolean() }),
        { maxLength: 3 },
      ),
      blacklist: fc.array(text, { maxLength: 4 }),
      internalDomains: fc.array(text, { maxLength: 3 }),
      tombstones: fc.array(text, { maxLength: 3 }),
      savedMessageIds: fc.array(text, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(arb, ({ message, ctx, people, accounts, opportunities, tombstones, ...lists }) => {
        const dirty: AutoshareContext = {
          ...ctx,
          ...lists,
          crm: {
            people: [...ctx.crm.people, ...people],
            accounts: [...ctx.crm.accounts, ...accounts],
            opportunities: [...ctx.crm.opportunities, ...opportunities],
            tombstones,
          },
        };
        const d = decideAutoshare(message, dirty);
        expect(['save', 'skip']).toContain(d.action);
        if (d.action === 'skip') expect(d.who).toEqual([]);
      }),
      RUNS,
    );
  });

  test('properties: a malformed address anywhere gives invalid_message, and the trace names the field', () => {
    const arb = fc.record({
      message: arbMessage,
      ctx: arbContext,
      bad: malformedAddress,
      field: fc.constantFrom('from', 'to', 'cc', 'bcc'),
      slot: fc.nat(),
    });
    fc.assert(
      fc.property(arb, ({ message, ctx, bad, field, slot }) => {
        let m: MailMessage;
        let name: string;
        if (field === 'from') {
          m = { ...message, from: { address: bad } };
          name = 'from';
        } else {
          const list = [...message[field as 'to' | 'cc' | 'bcc']];
          const i = slot % (list.length + 1);
          list.splice(i, 0, { address: bad });
          m = { ...message, [field]: list };
          name = `${field}[${i}]`;
        }
        const d = decideAutoshare(m, ctx);
        expect(d.reason).toBe('invalid_message');
        expect(d.action).toBe('skip');
        expect(d.trace.join(' ')).toContain(name);
      }),
      RUNS,
    );
  });

  test('properties: a malformed or impossible sentAt gives invalid_message, and the trace names sentAt', () => {
    fc.assert(
      fc.property(arbMessage, arbContext, malformedDate, (message, ctx, sentAt) => {
        const d = decideAutoshare({ ...message, sentAt }, ctx);
        expect(d.reason).toBe('invalid_message');
        expect(d.trace.join(' ')).toContain('sentAt');
      }),
      RUNS,
    );
  });
});

describe('properties: shareContent', () => {
  test('properties: metadata never contains the subject or the body text, nor attachments', () => {
    fc.assert(
      fc.property(arbMessage, (m) => {
        const c = shareContent(m, 'metadata');
        expect(c.subject).toBe('Email');
        expect(c.body).not.toContain(m.subject);
        if (m.bodyText) expect(c.body).not.toContain(m.bodyText);
        expect(c.body).not.toMatch(/[§¶]/);
        expect(c.attachments).toEqual([]);
      }),
      RUNS,
    );
  });

  test('properties: subject level shows the subject but never the body text', () => {
    fc.assert(
      fc.property(arbMessage, (m) => {
        const c = shareContent(m, 'subject');
        expect(c.subject).toBe(m.subject);
        expect(c.body).not.toMatch(/[§¶]/);
        expect(c.attachments).toEqual([]);
      }),
      RUNS,
    );
  });

  test('properties: full shows the body text and every attachment', () => {
    fc.assert(
      fc.property(arbMessage, (m) => {
        const c = shareContent(m, 'full');
        expect(c.subject).toBe(m.subject);
        if (m.bodyText) expect(c.body).toContain(m.bodyText);
        expect(c.attachments).toEqual(m.attachments ?? []);
      }),
      RUNS,
    );
  });

  test('properties: Bcc never appears in content at any level', () => {
    const arb = arbMessage.filter((m) => m.bcc.length > 0);
    fc.assert(
      fc.property(arb, fc.constantFrom(...LEVELS), (m, level) => {
        const text = JSON.stringify(shareContent(m, level)).toLowerCase();
        for (const b of m.bcc) expect(text).not.toContain(norm(b.address));
        expect(text).not.toContain(BCC_DOMAIN);
      }),
      RUNS,
    );
  });
});
