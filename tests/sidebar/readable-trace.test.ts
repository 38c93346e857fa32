import { readableTrace } from '../../src/sidebar/readable-trace';

// Names in place of ids in the trace a rep reads, without touching anything else in the sentences.

const names: Record<string, string> = {
  'account:acc-1': 'Acme',
  'account:acc-10': 'Acme Europe',
  'contact:con-1': 'Jane Doe',
};
const nameOf = (kind: string, id: string) => names[`${kind}:${id}`] ?? `${kind} ${id}`;

describe('readable trace', () => {
  test('each known record by name, ids that share a prefix kept apart, unknown ids left as they are', () => {
    const trace = [
      'Matched jane@acme.com to contact con-1.',
      'Linking to account acc-10, then account acc-1; lead led-9 is unknown.',
      'The email is well formed.',
    ];
    const refs = [
      { kind: 'account' as const, id: 'acc-1' },
      { kind: 'account' as const, id: 'acc-10' },
      { kind: 'contact' as const, id: 'con-1' },
      { kind: 'lead' as const, id: 'led-9' },
    ];
    expect(readableTrace({ trace }, refs, nameOf)).toEqual([
      'Matched jane@acme.com to contact Jane Doe.',
      'Linking to account Acme Europe, then account Acme; lead led-9 is unknown.',
      'The email is well formed.',
    ]);
    expect(trace[0]).toBe('Matched jane@acme.com to contact con-1.'); // the input is untouched
  });

  test('an id followed by more of an id is not a match ("contact con-1" inside "contact con-1-b")', () => {
    const refs = [{ kind: 'contact' as const, id: 'con-1' }];
    expect(readableTrace({ trace: ['Matched to contact con-1-b.'] }, refs, nameOf)).toEqual([
      'Matched to contact con-1-b.',
    ]);
  });

  test('names with characters special to patterns or replacements are used as they are', () => {
    const refs = [{ kind: 'opportunity' as const, id: 'o.1' }];
    const odd = () => 'Deal $& (v2)';
    expect(readableTrace({ trace: ['Linking to opportunity o.1, and opportunity oX1.'] }, refs, odd)).toEqual(
      ['Linking to opportunity Deal $& (v2), and opportunity oX1.'],
    );
  });
});
