/** Rule 0: malformed input gives `invalid_message`, the trace names the field, and nothing throws. */
import { contact, context, message, ref, USER } from './builders';
import { decide, expectSave, expectSkip, traceText } from './expectations';

const known = context({ people: [contact('c1', 'john@acme.com')] });

describe('rule 0: invalid_message', () => {
  test('rule 0: a valid message passes rule 0 (baseline for the cases below)', () => {
    expectSave(decide(message(), known), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 0: 2026-02-30T10:00:00Z is invalid and the trace names sentAt', () => {
    const d = decide(message({ sentAt: '2026-02-30T10:00:00Z' }), known);
    expectSkip(d, 'invalid_message');
    expect(traceText(d)).toContain('sentAt');
  });

  test.each([
    ['no time zone', '2026-03-02T10:00:00'],
    ['a date without time', '2026-03-02'],
    ['February 29 in a common year', '2026-02-29T10:00:00Z'],
    ['February 29 in 2100 (not a leap year)', '2100-02-29T10:00:00Z'],
    ['April 31', '2026-04-31T10:00:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['day 0', '2026-03-00T10:00:00Z'],
    ['minute 61', '2026-03-02T10:61:00Z'],
    ['words', 'yesterday at noon'],
    ['an empty string', ''],
    ['an RFC 2822 date', 'Mon, 02 Mar 2026 10:00:00 +0000'],
  ])('rule 0: sentAt with %s is invalid and the trace names sentAt', (_label, sentAt) => {
    const d = decide(message({ sentAt }), known);
    expectSkip(d, 'invalid_message');
    expect(traceText(d)).toContain('sentAt');
  });

  test.each([
    ['a leap day', '2028-02-29T10:00:00Z'],
    ['a positive offset', '2026-03-02T11:00:00+01:00'],
    ['a negative offset', '2026-03-02T05:00:00-05:00'],
    ['fractional seconds', '2026-03-02T10:00:00.250Z'],
  ])('rule 0: sentAt with %s is a valid ISO 8601 date-time', (_label, sentAt) => {
    expectSave(decide(message({ sentAt }), known), 'autoshare', { who: [ref.contact('c1')] });
  });

  test.each([
    ['hours and minutes only (reduced precision)', '2026-03-02T10:00Z'],
    ['a half-hour offset', '2026-03-02T15:30:00+05:30'],
    ['millisecond precision with an offset', '2026-03-02T11:00:00.123+01:00'],
  ])('rule 0: sentAt with %s is an ISO 8601 date-time with a time zone', (_label, sentAt) => {
    expectSave(decide(message({ sentAt }), known), 'autoshare', { who: [ref.contact('c1')] });
  });

  test.each([
    ['a plus tag', 'john+crm@acme.com'],
    ['an apostrophe', "o'brien@acme.com"],
    ['dots and a country domain', 'john.doe@sales.acme.co.uk'],
    ['digits and hyphens', 'j-2@acme-corp.com'],
  ])('rule 0: an address with %s is a plain addr-spec', (_label, address) => {
    const ctx = context({ people: [contact('c7', address)] });
    expectSave(decide(message({ from: address }), ctx), 'autoshare', { who: [ref.contact('c7')] });
  });

  test('rule 0: display names do not matter, only the address', () => {
    const m = message({ from: { address: 'john@acme.com', name: 'Doe, John <ceo>' } });
    expectSave(decide(m, known), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 0: an empty from is invalid and the trace names from', () => {
    const d = decide(message({ from: '' }), known);
    expectSkip(d, 'invalid_message');
    expect(traceText(d)).toContain('from');
  });

  test('rule 0: a from that is only white space is invalid', () => {
    expectSkip(decide(message({ from: '   ' }), known), 'invalid_message');
  });

  test('rule 0: the trace names cc[1]', () => {
    const d = decide(message({ cc: ['mary@acme.com', 'not an address'] }), known);
    expectSkip(d, 'invalid_message');
    expect(traceText(d)).toContain('cc[1]');
  });

  test('rule 0: the trace names to[0]', () => {
    const d = decide(message({ to: ['john.acme.com', USER] }), known);
    expectSkip(d, 'invalid_message');
    expect(traceText(d)).toContain('to[0]');
  });

  test('rule 0: the trace names bcc[0]', () => {
    const d = decide(message({ bcc: ['@acme.com'] }), known);
    expectSkip(d, 'invalid_message');
    expect(traceText(d)).toContain('bcc[0]');
  });

  test.each([
    ['no @', 'john.acme.com'],
    ['no local part', '@acme.com'],
    ['no domain', 'john@'],
    ['a display name around it', 'John Doe <john@acme.com>'],
    ['angle brackets', '<john@acme.com>'],
    ['a space in the local part', 'john doe@acme.com'],
    ['an empty string', ''],
  ])('rule 0: a from with %s is not a plain addr-spec', (_label, from) => {
    const d = decide(message({ from }), known);
    expectSkip(d, 'invalid_message');
    expect(traceText(d)).toContain('from');
  });

  test('rule 0: an address with surrounding white space and capitals is still valid (addresses are trimmed)', () => {
    expectSave(decide(message({ from: '  John@ACME.com ' }), known), 'autoshare', {
      who: [ref.contact('c1')],
    });
  });

  test('rule 0: invalid_message still reports the content level of an inbound message', () => {
    const d = decide(
      message({ cc: ['nope'] }),
      context({ settings: { sharing: { inbound: 'metadata', outbound: 'full' } } }),
    );
    expectSkip(d, 'invalid_message');
    expect(d.content).toBe('metadata');
  });
});
