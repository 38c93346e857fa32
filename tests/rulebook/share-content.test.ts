/** Section 3b: what an activity contains at each sharing level; Bcc never appears. */
import { shareContent } from '../../src';
import { message } from './builders';

const lines = (body: string) => body.split(/\r?\n/);
const attachments = [
  { name: 'proposal.pdf', size: 48213, contentType: 'application/pdf' },
  {
    name: 'prices.xlsx',
    size: 1200,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
];
const m = message({
  from: { address: 'john@acme.com', name: 'John Doe' },
  to: [{ address: 'rep@ourco.com', name: 'Rep Person' }, 'mary@beta.io'],
  cc: ['bob@gamma.org', 'ann@delta.net'],
  bcc: ['secret.bcc@hidden.net'],
  subject: 'Renewal proposal',
  sentAt: '2026-03-02T11:00:00+01:00',
  bodyText: 'Hi Rep,\nhere are the numbers.',
  attachments,
});
const metadataLines = [
  'From: john@acme.com',
  'To: rep@ourco.com, mary@beta.io',
  'Cc: bob@gamma.org, ann@delta.net',
  'Date: 2026-03-02T11:00:00+01:00',
];

describe('section 3b: metadata', () => {
  test('section 3b: metadata subject is Email and the real subject is not revealed', () => {
    const c = shareContent(m, 'metadata');
    expect(c.subject).toBe('Email');
    expect(c.body).not.toContain('Renewal proposal');
  });

  test('section 3b: metadata body is the From, To, Cc and Date lines, addresses joined by ", "', () => {
    expect(lines(shareContent(m, 'metadata').body)).toEqual(metadataLines);
  });

  test('section 3b: metadata body has no Cc line when Cc is empty', () => {
    const c = shareContent({ ...m, cc: [] }, 'metadata');
    expect(lines(c.body)).toEqual([metadataLines[0], metadataLines[1], metadataLines[3]]);
    expect(c.body).not.toMatch(/^Cc:/m);
  });

  test('section 3b: metadata lists addresses only, never display names', () => {
    const c = shareContent(m, 'metadata');
    expect(c.body).not.toContain('John Doe');
    expect(c.body).not.toContain('Rep Person');
  });

  test('section 3b: metadata Date is sentAt exactly as given', () => {
    const c = shareContent({ ...m, sentAt: '2026-03-02T05:00:00.000-05:00' }, 'metadata');
    expect(lines(c.body)).toContain('Date: 2026-03-02T05:00:00.000-05:00');
  });

  test('section 3b: metadata carries no body text and no attachments', () => {
    const c = shareContent(m, 'metadata');
    expect(c.body).not.toContain('here are the numbers');
    expect(c.attachments).toEqual([]);
  });
});

describe('section 3b: subject', () => {
  test("section 3b: subject level's subject is the message's subject", () => {
    expect(shareContent(m, 'subject').subject).toBe('Renewal proposal');
  });

  test('section 3b: subject level body is as for metadata', () => {
    const c = shareContent(m, 'subject');
    expect(c.body).toBe(shareContent(m, 'metadata').body);
    expect(lines(c.body)).toEqual(metadataLines);
  });

  test('section 3b: subject level has no body text and no attachments', () => {
    const c = shareContent(m, 'subject');
    expect(c.body).not.toContain('here are the numbers');
    expect(c.attachments).toEqual([]);
  });
});

describe('section 3b: full', () => {
  test('section 3b: full subject is the message subject', () => {
    expect(shareContent(m, 'full').subject).toBe('Renewal proposal');
  });

  test('section 3b: full body is the metadata lines, a blank line, then bodyText (every attachment saved as a file)', () => {
    const read = { ...m, attachments: attachments.map((a) => ({ ...a, content: 'UERG' })) };
    expect(shareContent(read, 'full').files.map((f) => f.name)).toEqual(['proposal.pdf', 'prices.xlsx']);
    expect(lines(shareContent(read, 'full').body)).toEqual([
      ...metadataLines,
      '',
      'Hi Rep,',
      'here are the numbers.',
    ]);
  });

  test('section 3b: full body starts with the metadata body', () => {
    const full = shareContent(m, 'full').body;
    expect(full.startsWith(shareContent(m, 'metadata').body)).toBe(true);
  });

  test('section 3b: full lists the attachments with name, size and type', () => {
    expect(shareContent(m, 'full').attachments).toEqual(attachments);
  });

  test('section 3b: full without attachments lists none', () => {
    const { attachments: _omit, ...rest } = m;
    expect(shareContent(rest, 'full').attachments).toEqual([]);
  });

  test('section 3b: full without bodyText never writes "undefined"', () => {
    const { bodyText: _omit, ...rest } = m;
    const c = shareContent(rest, 'full');
    expect(c.body).not.toContain('undefined');
    expect(lines(c.body).slice(0, 4)).toEqual(metadataLines);
  });
});

describe('section 3b: Bcc', () => {
  test.each(['metadata', 'subject', 'full'] as const)(
    'section 3b: Bcc never appears at level %s',
    (level) => {
      const c = shareContent(m, level);
      expect(JSON.stringify(c).toLowerCase()).not.toContain('secret.bcc@hidden.net');
      expect(c.body).not.toMatch(/^Bcc:/im);
    },
  );

  test('section 3b: the content is the same with or without Bcc', () => {
    for (const level of ['metadata', 'subject', 'full'] as const) {
      expect(shareContent(m, level)).toEqual(shareContent({ ...m, bcc: [] }, level));
    }
  });
});

describe('section 1: shareContent is pure', () => {
  test('section 1: shareContent does not change its input and gives the same answer twice', () => {
    const before = structuredClone(m);
    const a = shareContent(m, 'full');
    const b = shareContent(m, 'full');
    expect(a).toEqual(b);
    expect(m).toEqual(before);
  });
});
