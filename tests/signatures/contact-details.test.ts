import fc from 'fast-check';
import { scoreSignatures } from '../../bench/signatures-score';
import { contactDetails, type ContactDetails } from '../../src/signatures/contact-details';
import { signatureCorpus, unseenSignatureCorpus } from '../support/signatures/signature-corpus';

const sample = (id: string) => {
  const found = [...signatureCorpus, ...unseenSignatureCorpus].find((s) => s.id === id);
  if (!found) throw new Error(`no sample ${id}`);
  return contactDetails({ address: found.address, displayName: found.displayName, bodyText: found.body });
};
const numbers = (d: ContactDetails) => d.phones.map((p) => p.number);

describe('contact details read from an email (issue 19)', () => {
  it('reads name, title, company and phones with where each came from', () => {
    const d = sample('en-classic-us');
    expect(d.firstName).toEqual({ value: 'Jennifer', source: 'display name' });
    expect(d.lastName).toEqual({ value: 'Walsh', source: 'display name' });
    expect(d.title).toEqual({ value: 'VP of Operations', source: 'signature' });
    expect(d.company).toEqual({ value: 'Northwind Traders Inc.', source: 'signature' });
    expect(d.phones).toEqual([
      {
        number: '+14155550132',
        extension: '204',
        kind: 'phone',
        display: '+1 415 555 0132 ext. 204',
        source: 'signature',
      },
      { number: '+14155550187', kind: 'mobile', display: '+1 415 555 0187', source: 'signature' },
    ]);
  });

  it("never reads the rep's own signature in a quoted reply or an Outlook header block", () => {
    expect(numbers(sample('en-quoted-reply-with-reps-signature'))).toEqual(['+13122631142']);
    expect(numbers(sample('en-gmail-quote'))).toEqual(['+16502530000']);
    expect(numbers(sample('de-outlook-quoted-block'))).toEqual(['+497031123456']);
    expect(numbers(sample('en-outlook-original-message'))).toEqual(['+13135550173']);
  });

  it('reads nothing from a forwarded email below the sender’s words', () => {
    const d = sample('en-forwarded');
    expect(d.title).toBeUndefined();
    expect(d.company).toBeUndefined();
    expect(d.phones).toEqual([]);
  });

  it('stops at disclaimers and imprints, which name other people and numbers', () => {
    expect(numbers(sample('de-classic-gmbh'))).toEqual(['+498932456710', '+4915123456789']);
    expect(numbers(sample('en-uk-ltd-mobile'))).toEqual(['+442079460958', '+447911123456']);
    expect(numbers(sample('en-disclaimer-numbers'))).toEqual(['+12127364100']);
    expect(numbers(sample('de-herr-doktor'))).toEqual(['+496976543210']);
  });

  it('leaves fax numbers out and labels mobiles by their label or, unlabelled, by the numbering plan', () => {
    expect(numbers(sample('de-telefax-and-zentrale'))).toEqual(['+492219876540']);
    expect(sample('de-at-vienna').phones.map((p) => p.kind)).toEqual(['phone', 'mobile']);
    expect(sample('de-mobile-only').phones).toEqual([
      expect.objectContaining({ number: '+491719876543', kind: 'mobile' }),
    ]);
  });

  it('keeps extensions, and reads numbers without a country code in the sender’s country', () => {
    expect(sample('en-extension-x').phones[0]).toMatchObject({ number: '+17205550100', extension: '4412' });
    expect(sample('en-uk-ltd-mobile').phones[0]?.number).toBe('+442079460958'); // 020 … in a .co.uk address
  });

  it('takes no signature from "Sent from my iPhone" and a first name alone', () => {
    const d = sample('en-mobile-only-iphone');
    expect(d).toEqual({
      firstName: { value: 'Tom', source: 'display name' },
      lastName: { value: 'Baker', source: 'display name' },
      phones: [],
    });
  });

  it('names no person for a shared address or a team, and swaps "Last, First"', () => {
    const shop = sample('de-signature-before-greeting-name');
    expect(shop.firstName).toBeUndefined();
    expect(shop.lastName).toBeUndefined();
    expect(sample('en-role-display-name').title).toBeUndefined();
    expect(sample('de-von-meinem-iphone').firstName?.value).toBe('Sabine');
    expect(sample('de-von-meinem-iphone').lastName?.value).toBe('Krüger');
  });

  it('takes the name from the signature when there is no display name, and says so', () => {
    const d = sample('en-no-display-name');
    expect(d.firstName).toEqual({ value: 'Rachel', source: 'signature' });
    expect(d.lastName).toEqual({ value: 'Brooks', source: 'signature' });
  });

  it('reads the corpus with precision at least 0.9 and recall at least 0.8', () => {
    const score = scoreSignatures([...signatureCorpus, ...unseenSignatureCorpus]);
    expect(signatureCorpus.length + unseenSignatureCorpus.length).toBeGreaterThanOrEqual(30);
    expect({ precision: score.precision >= 0.9, recall: score.recall >= 0.8, misses: score.misses }).toEqual({
      precision: true,
      recall: true,
      misses: expect.any(Array),
    });
  });

  it('never throws, and every value it gives is written in the email', () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom(
        'Best regards,',
        '-- ',
        'Mit freundlichen Grüßen',
        'Sent from my iPhone',
        '> quoted',
        '',
      ),
      fc.constantFrom('Tel: +49 89 1234 5678', 'M: (415) 555-0187', 'Fax 0221 9876549', 'Acme GmbH', 'CTO'),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 25 }),
        fc.string(),
        fc.emailAddress(),
        (lines, name, address) => {
          const body = lines.join('\n');
          const d = contactDetails({ address, displayName: name, bodyText: body });
          for (const field of [d.title, d.company]) if (field) expect(body).toContain(field.value);
          for (const p of d.phones) expect(p.number).toMatch(/^\+\d{6,15}$/);
          for (const field of [d.firstName, d.lastName])
            if (field?.source === 'display name')
              expect(name.toLowerCase()).toContain(field.value.toLowerCase());
        },
      ),
      { numRuns: 300 },
    );
  });
});
