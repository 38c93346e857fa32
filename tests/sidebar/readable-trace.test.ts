import { readableTrace } from '../../src/sidebar/readable-trace';

// Names in place of ids in the trace a rep reads, without touching anything else in the sentences.

const names: Record<string, string> = {
  'account:acc-1': 'Acme',
  'account:acc-10': 'Acme Europe',
  'contact:con-1': 'Jane Doe',
};
const nameOf = (kind: string, id: string) => names[`${kind}:${id}`] ?? `${kind} ${id}`;

describe('readable trace', () => {
  test('each known record by name, ids that share a prefix kept apart, a record with no name never by its id', () => {
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
      'Linking to account Acme Europe, then account Acme; a lead (name not available) is unknown.',
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

  test('the second of several ids after one kind word ("contacts con-1 and con-2") is named too', () => {
    const refs = [
      { kind: 'contact' as const, id: 'con-1' },
      { kind: 'contact' as const, id: 'con-2' },
    ];
    const two = (_kind: string, id: string) => (id === 'con-1' ? 'Jane Doe' : 'Bob Roe');
    expect(
      readableTrace({ trace: ['Matched jane@acme.com to contacts con-1 and con-2.'] }, refs, two),
    ).toEqual(['Matched jane@acme.com to contacts Jane Doe and Bob Roe.']);
    // Not inside an address or a longer id.
    expect(readableTrace({ trace: ['con-1@acme.com wrote; con-1x'] }, refs, two)).toEqual([
      'con-1@acme.com wrote; con-1x',
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
