/** Rule 8: which contacts and leads an email links, and in which order. */
import { contact, context, lead, message, outbound, primary, ref, secondary } from './builders';
import { decide, expectSave, expectSkip } from './expectations';
import type { CrmPerson } from '../../src';

const save = (people: CrmPerson[], m = message()) => decide(m, context({ people }));

describe('rule 8: contacts', () => {
  test('rule 8: a contact matches when one of its emails equals the address', () => {
    const d = save([contact('c1', [primary('j.doe@acme.com'), secondary('john@acme.com')])]);
    expectSave(d, 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 8: addresses compare case-insensitively and trimmed (CRM side)', () => {
    expectSave(save([contact('c1', ' JOHN@Acme.com ')]), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 8: addresses compare case-insensitively and trimmed (message side)', () => {
    const d = save([contact('c1', 'john@acme.com')], message({ from: ' John@ACME.COM  ' }));
    expectSave(d, 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 8: soft-deleted contacts still match', () => {
    expectSave(save([contact('c1', 'john@acme.com', { deleted: true })]), 'autoshare', {
      who: [ref.contact('c1')],
    });
  });

  test('rule 8: contacts matching by a primary email are preferred over those matching by a secondary one', () => {
    const d = save([
      contact('c1', [primary('j@acme.com'), secondary('john@acme.com')], {
        createdAt: '2020-01-01T00:00:00Z',
      }),
      contact('c2', [primary('john@acme.com')], { createdAt: '2024-01-01T00:00:00Z' }),
    ]);
    expectSave(d, 'autoshare', { who: [ref.contact('c2')] });
  });

  test('rule 8: every contact matching by a primary email is linked', () => {
    const d = save([
      contact('c2', 'john@acme.com', { createdAt: '2024-01-01T00:00:00Z' }),
      contact('c1', 'john@acme.com', { createdAt: '2020-01-01T00:00:00Z' }),
      contact('c3', [secondary('john@acme.com')], { createdAt: '2019-01-01T00:00:00Z' }),
    ]);
    expectSave(d, 'autoshare', { who: [ref.contact('c1'), ref.contact('c2')] });
  });

  test('rule 8: when no contact matches by a primary email, all matching contacts are linked', () => {
    const d = save([
      contact('c2', [secondary('john@acme.com')], { createdAt: '2024-01-01T00:00:00Z' }),
      contact('c1', [primary('x@acme.com'), secondary('john@acme.com')], {
        createdAt: '2020-01-01T00:00:00Z',
      }),
    ]);
    expectSave(d, 'autoshare', { who: [ref.contact('c1'), ref.contact('c2')] });
  });

  test('rule 8: a contact matching by a secondary email wins over a lead matching by a primary email', () => {
    const d = save([lead('l1', 'john@acme.com'), contact('c1', [secondary('john@acme.com')])]);
    expectSave(d, 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 8: a person whose emails do not include the address does not match', () => {
    expectSkip(save([contact('c1', 'john@acme.co'), contact('c2', 'jo@acme.com')]), 'no_known_participant');
  });
});

describe('rule 8: leads', () => {
  test('rule 8: a lead is linked when no contact matches', () => {
    expectSave(save([lead('l1', 'john@acme.com')]), 'autoshare', { who: [ref.lead('l1')] });
  });

  test('rule 8: converted leads never match', () => {
    expectSkip(save([lead('l1', 'john@acme.com', { converted: true })]), 'no_known_participant');
  });

  test('rule 8: a converted older lead does not hide a newer open lead', () => {
    const d = save([
      lead('l1', 'john@acme.com', { converted: true, createdAt: '2020-01-01T00:00:00Z' }),
      lead('l2', 'john@acme.com', { createdAt: '2024-01-01T00:00:00Z' }),
    ]);
    expectSave(d, 'autoshare', { who: [ref.lead('l2')] });
  });

  test('rule 8: soft-deleted leads still match', () => {
    expectSave(save([lead('l1', 'john@acme.com', { deleted: true })]), 'autoshare', {
      who: [ref.lead('l1')],
    });
  });

  test('rule 8: only the oldest lead is linked', () => {
    const d = save([
      lead('l1', 'john@acme.com', { createdAt: '2024-05-01T00:00:00Z' }),
      lead('l2', 'john@acme.com', { createdAt: '2023-05-01T00:00:00Z' }),
      lead('l3', 'john@acme.com', { createdAt: '2025-05-01T00:00:00Z' }),
    ]);
    expectSave(d, 'autoshare', { who: [ref.lead('l2')] });
  });

  test('rule 8: the oldest lead is decided by time, not by the text of createdAt', () => {
    const d = save([
      lead('l1', 'john@acme.com', { createdAt: '2024-05-01T06:00:00Z' }),
      lead('l2', 'john@acme.com', { createdAt: '2024-05-01T10:00:00+05:00' }),
    ]);
    expectSave(d, 'autoshare', { who: [ref.lead('l2')] });
  });

  test('rule 8: equal createdAt: the smallest id, compared as strings ("l10" before "l9")', () => {
    const d = save([
      lead('l9', 'john@acme.com', { createdAt: '2024-05-01T00:00:00Z' }),
      lead('l10', 'john@acme.com', { createdAt: '2024-05-01T00:00:00Z' }),
    ]);
    expectSave(d, 'autoshare', { who: [ref.lead('l10')] });
  });

  test('rule 8: leads matching by a primary email are preferred before taking the oldest', () => {
    const d = save([
      lead('l1', [secondary('john@acme.com')], { createdAt: '2020-01-01T00:00:00Z' }),
      lead('l2', [primary('john@acme.com')], { createdAt: '2024-01-01T00:00:00Z' }),
    ]);
    expectSave(d, 'autoshare', { who: [ref.lead('l2')] });
  });

  test('rule 8: with no primary match, the oldest of all secondary-matching leads is linked', () => {
    const d = save([
      lead('l2', [secondary('john@acme.com')], { createdAt: '2024-01-01T00:00:00Z' }),
      lead('l1', [primary('j@acme.com'), secondary('john@acme.com')], { createdAt: '2020-01-01T00:00:00Z' }),
    ]);
    expectSave(d, 'autoshare', { who: [ref.lead('l1')] });
  });

  test('rule 8: each address decides contacts or leads on its own', () => {
    const d = save(
      [contact('c1', 'john@acme.com'), lead('l1', 'mary@beta.io'), lead('l2', 'john@acme.com')],
      message({ cc: ['mary@beta.io'] }),
    );
    expectSave(d, 'autoshare', { who: [ref.contact('c1'), ref.lead('l1')] });
  });
});

describe('rule 8: who ordering and duplicates', () => {
  test('rule 8: who follows participant order From, To, Cc, Bcc, not CRM order nor age', () => {
    const people = [
      contact('c1', 'bcc@delta.net', { createdAt: '2019-01-01T00:00:00Z' }),
      contact('c2', 'cc@gamma.org', { createdAt: '2020-01-01T00:00:00Z' }),
      contact('c3', 'to@beta.io', { createdAt: '2021-01-01T00:00:00Z' }),
      contact('c4', 'from@acme.com', { createdAt: '2022-01-01T00:00:00Z' }),
    ];
    const m = message({
      from: 'from@acme.com',
      to: ['rep@ourco.com', 'to@beta.io'],
      cc: ['cc@gamma.org'],
      bcc: ['bcc@delta.net'],
    });
    expectSave(save(people, m), 'autoshare', {
      who: [ref.contact('c4'), ref.contact('c3'), ref.contact('c2'), ref.contact('c1')],
    });
  });

  test('rule 8: within To, the order of the To list is kept', () => {
    const people = [contact('c1', 'a@acme.com'), contact('c2', 'b@beta.io')];
    const m = outbound({ to: ['b@beta.io', 'a@acme.com'] });
    expectSave(save(people, m), 'autoshare', { who: [ref.contact('c2'), ref.contact('c1')] });
  });

  test('rule 8: for one address, contacts are ordered by createdAt then id', () => {
    const people = [
      contact('c3', 'john@acme.com', { createdAt: '2023-01-01T00:00:00Z' }),
      contact('c2', 'john@acme.com', { createdAt: '2021-01-01T00:00:00Z' }),
      contact('c1', 'john@acme.com', { createdAt: '2023-01-01T00:00:00Z' }),
    ];
    expectSave(save(people), 'autoshare', { who: [ref.contact('c2'), ref.contact('c1'), ref.contact('c3')] });
  });

  test('rule 8: ids compare as strings ("c10" before "c9")', () => {
    const people = [contact('c9', 'john@acme.com'), contact('c10', 'john@acme.com')];
    expectSave(save(people), 'autoshare', { who: [ref.contact('c10'), ref.contact('c9')] });
  });

  test('rule 8: a contact matched by two participants appears once, at its first place', () => {
    const people = [
      contact('c1', [primary('john@acme.com'), primary('j.doe@acme.com')]),
      contact('c2', 'mary@beta.io'),
    ];
    const m = message({ to: ['rep@ourco.com', 'mary@beta.io'], cc: ['j.doe@acme.com'] });
    expectSave(save(people, m), 'autoshare', { who: [ref.contact('c1'), ref.contact('c2')] });
  });

  test('rule 8 / section 2: an address in To and Cc is one participant and linked once', () => {
    const people = [contact('c1', 'john@acme.com')];
    const m = outbound({ to: ['john@acme.com'], cc: ['JOHN@acme.com'], bcc: ['john@acme.com'] });
    expectSave(save(people, m), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 8: a Bcc contact is linked (Bcc is a participant)', () => {
    const m = outbound({ to: ['colleague@ourco.com'], bcc: ['mary@beta.io'] });
    expectSave(save([contact('c2', 'mary@beta.io')], m), 'autoshare', { who: [ref.contact('c2')] });
  });
});
