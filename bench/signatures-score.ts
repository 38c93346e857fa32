import { contactDetails } from '../src/signatures/contact-details';
import { signatureCorpus, type SignatureSample } from '../tests/support/signatures/signature-corpus';

// Precision and recall of the contact details read from the signature corpus: every value given (a name, a title,
// a company, each phone number with its kind and extension) counts once; it is right only when it is exactly what
// the careful reader of the corpus wrote down.

export interface SignatureScore {
  precision: number;
  recall: number;
  given: number;
  right: number;
  expected: number;
  /** `<sample id>: <field> given "<value>"` for each wrong value, `… missed "<value>"` for each missed one. */
  misses: string[];
}

function values(fields: Record<string, string | undefined>, phones: string[]): string[] {
  const out = Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${v}`);
  for (const p of phones) out.push(`phone=${p}`);
  return out;
}

function extracted(sample: SignatureSample): string[] {
  const d = contactDetails({
    address: sample.address,
    bodyText: sample.body,
    ...(sample.displayName !== undefined ? { displayName: sample.displayName } : {}),
  });
  return values(
    {
      firstName: d.firstName?.value,
      lastName: d.lastName?.value,
      title: d.title?.value,
      company: d.company?.value,
    },
    d.phones.map((p) => `${p.number}${p.extension ? `;ext=${p.extension}` : ''} ${p.kind}`),
  );
}

export function scoreSignatures(corpus: SignatureSample[] = signatureCorpus): SignatureScore {
  let given = 0;
  let right = 0;
  let expected = 0;
  const misses: string[] = [];
  for (const sample of corpus) {
    const want = values(
      {
        firstName: sample.expect.firstName,
        lastName: sample.expect.lastName,
        title: sample.expect.title,
        company: sample.expect.company,
      },
      sample.expect.phones.map((p) => `${p.number} ${p.kind}`),
    );
    const got = extracted(sample);
    given += got.length;
    expected += want.length;
    for (const v of got) {
      if (want.includes(v)) right++;
      else misses.push(`${sample.id}: gave ${v}`);
    }
    for (const v of want) if (!got.includes(v)) misses.push(`${sample.id}: missed ${v}`);
  }
  return {
    precision: given === 0 ? 0 : right / given,
    recall: expected === 0 ? 0 : right / expected,
    given,
    right,
    expected,
    misses,
  };
}
