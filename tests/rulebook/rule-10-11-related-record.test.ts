/** Rules 10 and 11: nothing to link, and which opportunity or account the activity relates to. */
import {
  account,
  contact,
  context,
  lead,
  message,
  opportunity,
  outbound,
  ref,
  secondary,
  primary,
} from './builders';
import type { ContextInput } from './builders';
import { decide, expectSave, expectSkip } from './expectations';

const linking = (over: ContextInput = {}) =>
  context({ ...over, settings: { linkToOpportunities: true, ...over.settings } });
const acme = account('a1', 'acme.com');
const beta = account('a2', 'beta.io');
const john = contact('c1', 'john@acme.com', { accountId: 'a1' });
const mary = contact('c2', 'mary@beta.io', { accountId: 'a2' });

describe('rule 10: no_known_participant', () => {
  test('rule 10: nobody known and nothing to create skips', () => {
    expectSkip(decide(message(), context()), 'no_known_participant');
  });

  test('rule 10: in thread mode, a subscription without what and nobody known skips', () => {
    const ctx = context({ threadSubscriptions: [{ threadId: 't1' }] });
    expectSkip(decide(message({ threadId: 't1' }), ctx), 'no_known_participant');
  });

  test('rule 10: in thread mode, a subscription with a what saves even with nobody known', () => {
    const ctx = context({ threadSubscriptions: [{ threadId: 't1', what: ref.opportunity('o7') }] });
    expectSave(decide(message({ threadId: 't1' }), ctx), 'thread_autosave', { what: ref.opportunity('o7') });
  });

  test('rule 10: in autoshare mode, a subscription of another thread does not help', () => {
    const ctx = context({ threadSubscriptions: [{ threadId: 't1', what: ref.opportunity('o7') }] });
    expectSkip(decide(message({ threadId: 't2' }), ctx), 'no_known_participant');
  });
});

describe('rule 11: thread_autosave takes the subscription what', () => {
  test("rule 11: thread mode links the subscription's what, not an opportunity", () => {
    const ctx = linking({
      people: [john],
      accounts: [acme],
      opportunities: [opportunity('o1', 'a1')],
      threadSubscriptions: [{ threadId: 't1', what: ref.account('a9') }],
    });
    expectSave(decide(message({ threadId: 't1' }), ctx), 'thread_autosave', {
      who: [ref.contact('c1')],
      what: ref.account('a9'),
    });
  });

  test('rule 11: thread mode with a subscription without what links no what and never skips for it', () => {
    const ctx = linking({ people: [lead('l1', 'john@acme.com')], threadSubscriptions: [{ threadId: 't1' }] });
    expectSave(decide(message({ threadId: 't1' }), ctx), 'thread_autosave', { who: [ref.lead('l1')] });
  });
});

describe('rule 11: autoshare without linkToOpportunities', () => {
  test('rule 11: no what, even when an opportunity and an account exist', () => {
    const ctx = context({ people: [john], accounts: [acme], opportunities: [opportunity('o1', 'a1')] });
    expectSave(decide(message(), ctx), 'autoshare', { who: [ref.contact('c1')] });
  });
});

describe('rule 11: autoshare with linkToOpportunities', () => {
  test("rule 11: links the user's open opportunity on the contact's account", () => {
    const ctx = linking({ people: [john], accounts: [acme], opportunities: [opportunity('o1', 'a1')] });
    expectSave(decide(message(), ctx), 'autoshare', {
      who: [ref.contact('c1')],
      what: ref.opportunity('o1'),
    });
  });

  test('rule 11: closed opportunities are not linked (account fallback)', () => {
    const ctx = linking({
      people: [john],
      accounts: [acme],
      opportunities: [opportunity('o1', 'a1', { closed: true })],
    });
    expectSave(decide(message(), ctx), 'autoshare', { who: [ref.contact('c1')], what: ref.account('a1') });
  });

  test("rule 11: another owner's opportunities are not linked", () => {
    const ctx = linking({
      people: [john],
      accounts: [acme],
      opportunities: [
        opportunity('o1', 'a1', { ownerId: 'someone-else', createdAt: '2025-12-01T00:00:00Z' }),
        opportunity('o2', 'a1'),
      ],
    });
    expectSave(decide(message(), ctx), 'autoshare', {
      who: [ref.contact('c1')],
      what: ref.opportunity('o2'),
    });
  });

  test('rule 11: owner compares with user.crmUserId, not user.id', () => {
    const ctx = linking({
      people: [john],
      accounts: [acme],
      opportunities: [opportunity('o1', 'a1', { ownerId: 'u1' })],
    });
    expectSave(decide(message(), ctx), 'autoshare', { who: [ref.contact('c1')], what: ref.account('a1') });
  });

  test('rule 11: opportunities on accounts of no linked contact are not linked', () => {
    const ctx = linking({ people: [john], accounts: [acme, beta], opportunities: [opportunity('o2', 'a2')] });
    expectSave(decide(message(), ctx), 'autoshare', { who: [ref.contact('c1')], what: ref.account('a1') });
  });

  test('rule 11: the most recently created opportunity across all the contacts accounts', () => {
    const ctx = linking({
      people: [john, mary],
      accounts: [acme, beta],
      opportunities: [
        opportunity('o1', 'a1', { createdAt: '2025-01-01T00:00:00Z' }),
        opportunity('o2', 'a2', { createdAt: '2025-09-01T00:00:00Z' }),
        opportunity('o3', 'a1', { createdAt: '2025-05-01T00:00:00Z' }),
      ],
    });
    expectSave(decide(message({ cc: ['mary@beta.io'] }), ctx), 'autoshare', {
      who: [ref.contact('c1'), ref.contact('c2')],
      what: ref.opportunity('o2'),
    });
  });

  test('rule 11: latest createdAt is decided by time, not text', () => {
    const ctx = linking({
      people: [john],
      accounts: [acme],
      opportunities: [
        opportunity('o1', 'a1', { createdAt: '2025-05-01T09:00:00Z' }),
        opportunity('o2', 'a1', { createdAt: '2025-05-01T08:00:00-03:00' }),
      ],
    });
    expectSave(decide(message(), ctx), 'autoshare', {
      who: [ref.contact('c1')],
      what: ref.opportunity('o2'),
    });
  });

  test('rule 11: equal createdAt: the largest id, compared as strings ("o9" after "o10")', () => {
    const ctx = linking({
      people: [john],
      accounts: [acme],
      opportunities: [opportunity('o9', 'a1'), opportunity('o10', 'a1')],
    });
    expectSave(decide(message(), ctx), 'autoshare', {
      who: [ref.contact('c1')],
      what: ref.opportunity('o9'),
    });
  });

  test('rule 11: a contact only in Bcc does not bring its account or opportunities', () => {
    const ctx = linking({
      people: [john, mary],
      accounts: [acme, beta],
      opportunities: [opportunity('o2', 'a2')],
    });
    const m = outbound({ to: ['john@acme.com'], bcc: ['mary@beta.io'] });
    expectSave(decide(m, ctx), 'autoshare', {
      who: [ref.contact('c1'), ref.contact('c2')],
      what: ref.account('a1'),
    });
  });

  test('rule 11: a Bcc-only contact with an account is not enough: no_opportunity_or_account', () => {
    const ctx = linking({ people: [mary], accounts: [beta], opportunities: [opportunity('o2', 'a2')] });
    const m = outbound({ to: ['colleague@ourco.com'], bcc: ['mary@beta.io'] });
    expectSkip(decide(m, ctx), 'no_opportunity_or_account');
  });

  test('rule 11: a contact to be created counts for opportunities', () => {
    const ctx = linking({
      accounts: [account('a7', 'amazon.com')],
      opportunities: [opportunity('o7', 'a7')],
      settings: { autoCreateContacts: true },
    });
    expectSave(decide(message({ from: 'john@amazon.com' }), ctx), 'autoshare', {
      create: [{ address: 'john@amazon.com', accountId: 'a7' }],
      what: ref.opportunity('o7'),
    });
  });

  test('rule 11: a contact to be created counts for the account fallback', () => {
    const ctx = linking({
      people: [contact('c2', 'mary@beta.io')],
      accounts: [account('a7', 'amazon.com')],
      settings: { autoCreateContacts: true },
    });
    const m = outbound({ to: ['mary@beta.io', 'john@amazon.com'] });
    expectSave(decide(m, ctx), 'autoshare', {
      who: [ref.contact('c2')],
      create: [{ address: 'john@amazon.com', accountId: 'a7' }],
      what: ref.account('a7'),
    });
  });

  test('rule 11: account fallback takes the first contact with an account in order From, To, Cc', () => {
    const ctx = linking({
      people: [
        contact('c1', 'john@acme.com'),
        contact('c3', 'zed@gamma.org', { accountId: 'a3' }),
        contact('c2', 'mary@beta.io', { accountId: 'a2' }),
      ],
      accounts: [acme, beta, account('a3', 'gamma.org')],
    });
    const m = message({ to: ['rep@ourco.com', 'mary@beta.io'], cc: ['zed@gamma.org'] });
    expectSave(decide(m, ctx), 'autoshare', {
      who: [ref.contact('c1'), ref.contact('c2'), ref.contact('c3')],
      what: ref.account('a2'),
    });
  });

  test('rule 11: account fallback, for one address, takes contacts by createdAt then id', () => {
    const ctx = linking({
      people: [
        contact('c5', 'john@acme.com', { accountId: 'a5', createdAt: '2023-01-01T00:00:00Z' }),
        contact('c4', 'john@acme.com', { accountId: 'a4', createdAt: '2023-01-01T00:00:00Z' }),
        contact('c6', 'john@acme.com', { accountId: 'a6', createdAt: '2024-01-01T00:00:00Z' }),
      ],
      accounts: [account('a4', 'acme.com'), account('a5', 'acme.org'), account('a6', 'acme.net')],
    });
    expectSave(decide(message(), ctx), 'autoshare', {
      who: [ref.contact('c4'), ref.contact('c5'), ref.contact('c6')],
      what: ref.account('a4'),
    });
  });

  test('rule 11: leads bring no account: only a lead linked gives no_opportunity_or_account', () => {
    const ctx = linking({
      people: [lead('l1', 'john@acme.com')],
      accounts: [acme],
      opportunities: [opportunity('o1', 'a1')],
    });
    expectSkip(decide(message(), ctx), 'no_opportunity_or_account');
  });

  test('rule 11: known contacts without any account give no_opportunity_or_account: nothing is shared', () => {
    const ctx = linking({ people: [contact('c1', 'john@acme.com')], accounts: [acme] });
    expectSkip(decide(message(), ctx), 'no_opportunity_or_account');
  });

  test('rule 11: a contact dropped by the primary-email preference brings no account', () => {
    const ctx = linking({
      people: [
        contact('c1', [primary('john@acme.com')]),
        contact('c2', [secondary('john@acme.com')], { accountId: 'a1' }),
      ],
      accounts: [acme],
      opportunities: [opportunity('o1', 'a1')],
    });
    expectSkip(decide(message(), ctx), 'no_opportunity_or_account');
  });

  test('rule 11: a blacklisted (excluded) contact brings no account', () => {
    const ctx = linking({
      people: [john, contact('c2', 'mary@beta.io')],
      accounts: [acme, beta],
      opportunities: [opportunity('o1', 'a1')],
      blacklist: ['john@acme.com'],
    });
    expectSkip(decide(message({ cc: ['mary@beta.io'] }), ctx), 'no_opportunity_or_account');
  });
});
