/** Rule 6: mail among the company only is internal; with no internal domains nothing is. */
import { contact, context, message, outbound, ref, USER } from './builders';
import { decide, expectSave, expectSkip } from './expectations';

describe('rule 6: internal', () => {
  test('rule 6: a colleague writing to the user is internal', () => {
    const ctx = context({ people: [contact('c1', 'colleague@ourco.com')] });
    expectSkip(decide(message({ from: 'colleague@ourco.com' }), ctx), 'internal');
  });

  test('rule 6: the user writing to colleagues (To, Cc, Bcc) is internal', () => {
    const m = outbound({ to: ['a@ourco.com'], cc: ['b@ourco.com'], bcc: ['c@ourco.com'] });
    expectSkip(decide(m, context()), 'internal');
  });

  test('rule 6: domains compare case-insensitively', () => {
    expectSkip(decide(message({ from: 'Colleague@OURCO.COM' }), context()), 'internal');
  });

  test('rule 6: any one external participant makes it not internal', () => {
    const ctx = context({ people: [contact('c1', 'john@acme.com')] });
    const m = message({ from: 'colleague@ourco.com', cc: ['john@acme.com'] });
    expectSave(decide(m, ctx), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 6: an external participant in Bcc only also makes it not internal', () => {
    const ctx = context({ people: [contact('c1', 'john@acme.com')] });
    const m = outbound({ to: ['colleague@ourco.com'], bcc: ['john@acme.com'] });
    expectSave(decide(m, ctx), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 6: a subdomain of an internal domain is not internal', () => {
    const ctx = context({ people: [contact('c1', 'ann@eu.ourco.com')] });
    expectSave(decide(message({ from: 'ann@eu.ourco.com' }), ctx), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 6: with empty internalDomains nothing is internal (colleague known in the CRM is linked)', () => {
    const ctx = context({ internalDomains: [], people: [contact('c1', 'colleague@ourco.com')] });
    expectSave(decide(message({ from: 'colleague@ourco.com' }), ctx), 'autoshare', {
      who: [ref.contact('c1')],
    });
  });

  test('rule 6: with empty internalDomains, a person on a private provider gets mail saved', () => {
    const ctx = context({
      internalDomains: [],
      user: { id: 'u1', addresses: ['jane.doe@gmail.com'], crmUserId: 'crm-u1' },
      people: [contact('c1', 'pat@gmail.com')],
    });
    const m = message({ from: 'pat@gmail.com', to: ['jane.doe@gmail.com'] });
    expectSave(decide(m, ctx), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 6: internal participants are never linked even when they are in the CRM', () => {
    const ctx = context({ people: [contact('c1', 'john@acme.com'), contact('c2', 'colleague@ourco.com')] });
    const m = message({ cc: ['colleague@ourco.com'] });
    expectSave(decide(m, ctx), 'autoshare', { who: [ref.contact('c1')] });
  });

  test("rule 6 / section 2: the user's own address is never a candidate, even with empty internalDomains", () => {
    const ctx = context({
      internalDomains: [],
      people: [contact('c1', 'john@acme.com'), contact('c9', USER)],
    });
    expectSave(decide(message(), ctx), 'autoshare', { who: [ref.contact('c1')] });
  });
});
