/** Rules 10 to 12: matching and creating (the email rules 8 and 9), nothing to link, and the related record. */
import {
  account,
  contact,
  CRM_USER,
  event,
  eventContext,
  invitation,
  lead,
  opportunity,
  optional,
  ref,
  required,
  USER,
} from './builders';
import type { EventContextInput } from './builders';
import { decide, expectSkip, expectWrite, traceText } from './expectations';

const ctx = (over: EventContextInput) => eventContext({ people: [], ...over });

describe('rule 10: matching and creating', () => {
  test('rule 10: contacts by primary email are preferred; all kept contacts are linked, oldest first', () => {
    const people = [
      contact('c2', [{ address: 'john@acme.com', primary: true }], { createdAt: '2025-01-01T00:00:00Z' }),
      contact('c1', [{ address: 'john@acme.com', primary: true }], { createdAt: '2024-01-01T00:00:00Z' }),
      contact('c3', [{ address: 'john@acme.com', primary: false }]),
    ];
    expectWrite(decide(event(), ctx({ people })), 'save', 'meeting', {
      who: [ref.contact('c1'), ref.contact('c2')],
    });
  });

  test('rule 10: without a contact, only the oldest lead is linked; converted leads never match', () => {
    const people = [
      lead('l2', 'john@acme.com', { createdAt: '2025-01-01T00:00:00Z' }),
      lead('l1', 'john@acme.com', { createdAt: '2025-01-01T00:00:00Z' }),
      lead('l0', 'john@acme.com', { createdAt: '2020-01-01T00:00:00Z', converted: true }),
    ];
    const d = decide(event(), ctx({ people }));
    expectWrite(d, 'save', 'meeting', { who: [ref.lead('l1')] });
    expect(traceText(d)).toContain('john@acme.com to lead l1 (the oldest of 2 leads)');
  });

  test('rule 10: candidates follow participant order, each record once', () => {
    const people = [
      contact('c1', 'john@acme.com'),
      contact('c2', 'mary@beta.io'),
      contact('c3', 'zoe@gamma.org'),
    ];
    const e = invitation({
      organizer: 'zoe@gamma.org',
      attendees: [
        optional('john@acme.com'),
        required(USER),
        required('mary@beta.io'),
        required('Zoe@Gamma.org'),
      ],
    });
    expectWrite(decide(e, ctx({ people })), 'save', 'meeting', {
      who: [ref.contact('c3'), ref.contact('c2'), ref.contact('c1')],
    });
  });

  test('rule 10: attendees who declined are not candidates: neither linked nor created', () => {
    const people = [contact('c1', 'john@acme.com'), contact('c2', 'mary@beta.io')];
    const e = event({
      attendees: [
        required('john@acme.com', 'declined'),
        required('mary@beta.io'),
        required('tom@acme.com', 'declined'),
      ],
    });
    const on = ctx({ people, accounts: [account('a1', 'acme.com')], settings: { autoCreateContacts: true } });
    const d = decide(e, on);
    expectWrite(d, 'save', 'meeting', { who: [ref.contact('c2')] });
    expect(traceText(d)).toContain(
      'Left out because these attendees declined: john@acme.com and tom@acme.com.',
    );
  });

  test('rule 10: the organizer of an invitation is a candidate (the organizer never declines)', () => {
    const people = [contact('c1', 'john@acme.com')];
    expectWrite(decide(invitation(), ctx({ people })), 'save', 'meeting', { who: [ref.contact('c1')] });
  });

  test("rule 10: Amity's rule: john@amazon.com is created under the account with domain amazon.com; john@amazon.ca is not", () => {
    const on = ctx({ accounts: [account('a9', 'amazon.com')], settings: { autoCreateContacts: true } });
    const d = decide(event({ attendees: [required('John@Amazon.com'), required('john@amazon.ca')] }), on);
    expectWrite(d, 'save', 'meeting', { create: [{ address: 'john@amazon.com', accountId: 'a9' }] });
    expect(traceText(d)).toContain('Will create a contact for john@amazon.com under account a9');
  });

  test('rule 10: no contact is created for role or personal addresses, tombstones, shared domains, or when it is off', () => {
    const accounts = [
      account('a1', 'acme.com'),
      account('a2', 'gmail.com'),
      account('a3', 'beta.io'),
      account('a4', 'beta.io'),
    ];
    const on = ctx({ accounts, tombstones: ['gone@acme.com'], settings: { autoCreateContacts: true } });
    const e = event({
      attendees: ['info@acme.com', 'pat@gmail.com', 'gone@acme.com', 'mary@beta.io'].map((a) => required(a)),
    });
    expectSkip(decide(e, on), 'no_known_participant');
    const off = ctx({ accounts, settings: { autoCreateContacts: false } });
    expectSkip(decide(event({ attendees: [required('tom@acme.com')] }), off), 'no_known_participant');
  });
});

describe('rule 11: no_known_participant', () => {
  test('rule 11: who and create both empty: nothing to link', () => {
    const d = decide(event(), ctx({}));
    expectSkip(d, 'no_known_participant');
    expect(traceText(d)).toContain('nothing to link the meeting to');
  });
});

describe('rule 12: related record', () => {
  const people = [
    contact('c1', 'john@acme.com', { accountId: 'a1' }),
    contact('c2', 'mary@beta.io', { accountId: 'a2' }),
    contact('c3', 'noacc@gamma.org'),
  ];
  const linking = (over: EventContextInput = {}) =>
    ctx({ people, settings: { linkToOpportunities: true }, ...over });

  test("rule 12: the newest open opportunity the user owns on the participants' accounts", () => {
    const opportunities = [
      opportunity('o1', 'a1', { createdAt: '2025-01-01T00:00:00Z' }),
      opportunity('o2', 'a2', { createdAt: '2025-06-01T00:00:00Z' }),
      opportunity('o3', 'a2', { createdAt: '2025-09-01T00:00:00Z', closed: true }),
      opportunity('o4', 'a1', { createdAt: '2025-12-01T00:00:00Z', ownerId: 'someone-else' }),
    ];
    const e = event({ attendees: [required('john@acme.com'), required('mary@beta.io')] });
    const d = decide(e, linking({ opportunities }));
    expectWrite(d, 'save', 'meeting', {
      who: [ref.contact('c1'), ref.contact('c2')],
      what: ref.opportunity('o2'),
    });
    expect(traceText(d)).toContain(
      `Linking to opportunity o2, the most recent open opportunity you own at account a2.`,
    );
  });

  test('rule 12: no such opportunity: the account of the first contact in participant order that has one', () => {
    const e = invitation({
      organizer: 'noacc@gamma.org',
      attendees: [optional('john@acme.com'), required('mary@beta.io'), required(USER)],
    });
    expectWrite(decide(e, linking()), 'save', 'meeting', {
      who: [ref.contact('c3'), ref.contact('c2'), ref.contact('c1')],
      what: ref.account('a2'),
    });
  });

  test('rule 12: a contact to be created counts with its account', () => {
    const on = linking({
      accounts: [account('a7', 'delta.com')],
      settings: { linkToOpportunities: true, autoCreateContacts: true },
    });
    const d = decide(event({ attendees: [required('ann@delta.com')] }), on);
    expectWrite(d, 'save', 'meeting', {
      create: [{ address: 'ann@delta.com', accountId: 'a7' }],
      what: ref.account('a7'),
    });
  });

  test('rule 12: no account at all: skip with no_opportunity_or_account, nothing is shared', () => {
    const d = decide(event({ attendees: [required('noacc@gamma.org')] }), linking());
    expectSkip(d, 'no_opportunity_or_account');
    expect(traceText(d)).toContain('no contact among the participants belongs to an account');
  });

  test('rule 12: a lead never brings an account', () => {
    const leads = ctx({ people: [lead('l1', 'john@acme.com')], settings: { linkToOpportunities: true } });
    expectSkip(decide(event(), leads), 'no_opportunity_or_account');
  });

  test('rule 12: with linkToOpportunities off there is no what', () => {
    const d = decide(event(), ctx({ people, opportunities: [opportunity('o1', 'a1')] }));
    expectWrite(d, 'save', 'meeting', { who: [ref.contact('c1')] });
    expect(traceText(d)).toContain('Linking to opportunities is off');
  });

  test("rule 12: opportunities are the user's (ownerId is ctx.user.crmUserId)", () => {
    const mine = linking({ opportunities: [opportunity('o1', 'a1', { ownerId: CRM_USER })] });
    expect(decide(event(), mine).what).toEqual(ref.opportunity('o1'));
  });
});
