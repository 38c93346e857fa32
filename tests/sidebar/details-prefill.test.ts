import type { ContactDetailsResponse } from '../../src/api/contact-details-api';
import { detailsPrefill, fillEmpty, shortDate } from '../../src/sidebar/details-prefill';

// New records' prefill (issue 19), shared by the pane and the Gmail add-on: which fields the details fill, the
// caption saying where each came from, and that only empty fields (or a domain's guess) are filled.

const NOW = new Date('2026-12-07T06:00:00Z');
const response: ContactDetailsResponse = {
  shown: true,
  details: {
    firstName: { value: 'Nina', source: 'display name' },
    lastName: { value: 'Patel', source: 'display name' },
    title: { value: 'Director of IT', source: 'signature' },
    company: { value: 'Vertex Health', source: 'signature' },
    phones: [
      {
        number: '+16172531000',
        extension: '331',
        kind: 'phone',
        display: '+1 617 253 1000 ext. 331',
        source: 'signature',
      },
      { number: '+16175550199', kind: 'mobile', display: '+1 617 555 0199', source: 'signature' },
      { number: '+16175550100', kind: 'mobile', display: '+1 617 555 0100', source: 'signature' },
    ],
  },
  readFrom: { subject: 'Demo next week', sentAt: '2026-03-03T09:00:00.000Z' },
};
const SIGNATURE = 'From the signature of “Demo next week”, 3 Mar';

describe('detailsPrefill', () => {
  test('a lead: names from the display name, title, company and the first number of each kind from the signature', () => {
    expect(detailsPrefill(response, 'lead', NOW)).toEqual({
      values: {
        firstName: { value: 'Nina', caption: 'From the name on the email' },
        lastName: { value: 'Patel', caption: 'From the name on the email' },
        title: { value: 'Director of IT', caption: SIGNATURE },
        company: { value: 'Vertex Health', caption: SIGNATURE },
        phone: { value: '+1 617 253 1000 ext. 331', caption: SIGNATURE },
        mobilePhone: { value: '+1 617 555 0199', caption: SIGNATURE },
      },
    });
  });

  test("a contact's company is its account's: the signature's is not offered", () => {
    expect(detailsPrefill(response, 'contact', NOW).values.company).toBeUndefined();
  });

  test('the organisation hides details read from emails: nothing, not even its note', () => {
    expect(detailsPrefill({ shown: false, note: 'Your organisation does not show…' }, 'lead', NOW)).toEqual({
      values: {},
    });
  });

  test('no email read: the note comes along; an earlier year is named; a too long number is cut to E.164', () => {
    const long = 'x'.repeat(41);
    const result = detailsPrefill(
      {
        shown: true,
        details: {
          phones: [{ number: '+4989123456780', kind: 'phone', display: long, source: 'signature' }],
        },
        readFrom: { subject: ' ', sentAt: '2025-11-30T23:00:00Z' },
        note: 'Your inbox has no email from x@y.z to read a signature from.',
      },
      'lead',
      NOW,
    );
    expect(result).toEqual({
      values: {
        phone: { value: '+4989123456780', caption: 'From the signature of “(no subject)”, 30 Nov 2025' },
      },
      note: 'Your inbox has no email from x@y.z to read a signature from.',
    });
    expect(shortDate('not a date', NOW)).toBe('');
  });
});

describe('fillEmpty', () => {
  const prefill = detailsPrefill(response, 'lead', NOW);
  test('only empty fields are filled; typed values stay', () => {
    const { fields, filled } = fillEmpty(
      {
        firstName: 'Nin',
        lastName: '',
        title: '  ',
        phone: '',
        mobilePhone: '+1 555',
        company: 'Vertexhealth',
      },
      prefill,
    );
    expect(fields).toEqual({
      firstName: 'Nin',
      lastName: 'Patel',
      title: 'Director of IT',
      phone: '+1 617 253 1000 ext. 331',
      mobilePhone: '+1 555',
      company: 'Vertexhealth',
    });
    expect(filled).toEqual(['lastName', 'title', 'phone']);
  });

  test("a field still holding the domain's guess is replaced; one the rep changed is not", () => {
    expect(fillEmpty({ company: 'Vertexhealth' }, prefill, { company: 'Vertexhealth' }).fields.company).toBe(
      'Vertex Health',
    );
    expect(fillEmpty({ company: 'Vertex Inc' }, prefill, { company: 'Vertexhealth' }).fields.company).toBe(
      'Vertex Inc',
    );
  });
});
