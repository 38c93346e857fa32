import {
  formatSaveToken,
  ignoredPickSentence,
  parseSaveToken,
  pickLinksAddedSentence,
  pickSaveTrace,
  planSaveWhenSent,
  readSaveMark,
  type MailMessage,
  type MarkFacts,
  type PlanInput,
  type SavePick,
} from '../../src';

// The pure part of Save when sent (issue 18): which pick an email is saved with, or why its mark is ignored.

const SIG = 'A'.repeat(43);
const NOW = new Date('2026-03-10T12:00:00Z');
const token = (id: string) => formatSaveToken(id, SIG);

const pick = (over: Partial<SavePick> = {}): SavePick => ({
  id: 'p1',
  userId: 'u-sam',
  who: [{ kind: 'contact', id: 'con-jane-doe' }],
  what: { kind: 'opportunity', id: 'opp-acme-expansion' },
  autosaveThread: false,
  createdAt: '2026-03-10T11:00:00Z',
  expiresAt: '2026-04-09T11:00:00Z',
  ...over,
});

const sent = (over: Partial<MailMessage> = {}): MailMessage => ({
  internetMessageId: '<m1@ourco.com>',
  folder: 'sent',
  from: { address: 'Sam@OurCo.com' },
  to: [{ address: 'jane.doe@acme.com' }],
  cc: [],
  bcc: [],
  subject: 'Terms',
  sentAt: '2026-03-10T11:30:00Z',
  ...over,
});

const withMark = (value: string, over: Partial<MailMessage> = {}) =>
  sent({ headers: { 'x-liaison-save': value }, ...over });

const input = (marks: [string, MarkFacts][], over: Partial<PlanInput> = {}): PlanInput => ({
  userId: 'u-sam',
  ownAddresses: ['sam@ourco.com'],
  now: NOW,
  marks: new Map(marks),
  threadPicks: [],
  ...over,
});

describe('tokens', () => {
  test('a token is a version, the pick id and a signature, and reads back', () => {
    const t = formatSaveToken('0b8e2c1a-1111-4a4a-8888-123456789abc', SIG);
    expect(t).toBe(`v1.0b8e2c1a-1111-4a4a-8888-123456789abc.${SIG}`);
    expect(parseSaveToken(t)).toEqual({ pickId: '0b8e2c1a-1111-4a4a-8888-123456789abc', signature: SIG });
  });
  test.each(['', 'v1.p1', `v2.p1.${SIG}`, `v1.p1.${SIG}x`, `v1.p 1.${SIG}`, `v1..${SIG}`])(
    '%j is not a token',
    (t) => expect(parseSaveToken(t)).toBeUndefined(),
  );
  test('the header is read by its lower-case name; a repeated header counts by its first value', () => {
    expect(readSaveMark(sent())).toBeUndefined();
    expect(readSaveMark(withMark(`  ${token('p1')} `))).toBe(token('p1'));
    expect(readSaveMark(withMark(`${token('p1')}, ${token('p2')}`))).toBe(token('p1'));
    expect(readSaveMark(withMark('   '))).toBeUndefined();
  });
});

describe('planSaveWhenSent', () => {
  test('a valid mark on an email the user sent applies, with its pick', () => {
    const p = pick();
    expect(
      planSaveWhenSent([withMark(token('p1'))], input([[token('p1'), { signatureOk: true, pick: p }]])),
    ).toEqual([{ kind: 'applies', pick: p, via: 'header' }]);
  });

  test('an email without a mark or thread pick is left to the rules', () => {
    expect(planSaveWhenSent([sent()], input([]))).toEqual([{ kind: 'none' }]);
  });

  test.each<[string, MarkFacts | undefined, Partial<MailMessage>, string]>([
    ['malformed', undefined, {}, 'not-a-token'],
    ['unchecked', undefined, {}, token('p1')],
    ['forged', { signatureOk: false }, {}, token('p1')],
    ['unknown', { signatureOk: true }, {}, token('p1')],
    ['foreign', { signatureOk: true, pick: pick({ userId: 'u-pat' }) }, {}, token('p1')],
    ['used', { signatureOk: true, pick: pick({ usedAt: '2026-03-10T11:40:00Z' }) }, {}, token('p1')],
    ['expired', { signatureOk: true, pick: pick({ expiresAt: NOW.toISOString() }) }, {}, token('p1')],
    [
      'not_sender',
      { signatureOk: true, pick: pick() },
      { folder: 'inbox', from: { address: 'jane.doe@acme.com' } },
      token('p1'),
    ],
  ])('a mark is ignored as %s', (problem, facts, over, value) => {
    const marks: [string, MarkFacts][] = facts ? [[value, facts]] : [];
    expect(planSaveWhenSent([withMark(value, over)], input(marks))).toEqual([
      { kind: 'ignored', problem, via: 'header' },
    ]);
  });

  test('a pick saves one email: the earliest sent of two carrying the same mark, the other is told it was used', () => {
    const p = pick();
    const later = withMark(token('p1'), {
      internetMessageId: '<later@ourco.com>',
      sentAt: '2026-03-10T11:50:00Z',
    });
    const earlier = withMark(token('p1'), { sentAt: '2026-03-10T11:45:00Z' });
    expect(
      planSaveWhenSent([later, earlier], input([[token('p1'), { signatureOk: true, pick: p }]])),
    ).toEqual([
      { kind: 'ignored', problem: 'used', via: 'header' },
      { kind: 'applies', pick: p, via: 'header' },
    ]);
  });

  test('a thread pick applies to the next email the user sends in the thread, once', () => {
    const p = pick({ threadId: 't-1' });
    const first = sent({ threadId: 't-1', sentAt: '2026-03-10T11:35:00Z' });
    const second = sent({
      internetMessageId: '<m2@ourco.com>',
      threadId: 't-1',
      sentAt: '2026-03-10T11:36:00Z',
    });
    const inbound = sent({ folder: 'inbox', threadId: 't-1', from: { address: 'jane.doe@acme.com' } });
    const other = sent({ threadId: 't-2' });
    expect(planSaveWhenSent([second, inbound, first, other], input([], { threadPicks: [p] }))).toEqual([
      { kind: 'none' },
      { kind: 'none' },
      { kind: 'applies', pick: p, via: 'thread' },
      { kind: 'none' },
    ]);
  });

  test('a thread pick does not apply to an email sent well before it was made, nor once expired', () => {
    const p = pick({ threadId: 't-1' });
    const old = sent({ threadId: 't-1', sentAt: '2026-03-10T10:00:00Z' });
    expect(planSaveWhenSent([old], input([], { threadPicks: [p] }))).toEqual([{ kind: 'none' }]);
    const late = input([], { threadPicks: [p], now: new Date('2026-04-10T00:00:00Z') });
    expect(planSaveWhenSent([sent({ threadId: 't-1' })], late)).toEqual([
      { kind: 'ignored', problem: 'expired', via: 'thread' },
    ]);
  });

  test('another user’s thread pick never applies', () => {
    const p = pick({ threadId: 't-1', userId: 'u-pat' });
    expect(planSaveWhenSent([sent({ threadId: 't-1' })], input([], { threadPicks: [p] }))).toEqual([
      { kind: 'none' },
    ]);
  });

  test('a mark wins over a thread pick, which then waits for the next email', () => {
    const marked = pick({ id: 'p1' });
    const threaded = pick({ id: 'p2', threadId: 't-1' });
    const result = planSaveWhenSent(
      [withMark(token('p1'), { threadId: 't-1' })],
      input([[token('p1'), { signatureOk: true, pick: marked }]], { threadPicks: [threaded] }),
    );
    expect(result).toEqual([{ kind: 'applies', pick: marked, via: 'header' }]);
  });
});

describe('trace sentences', () => {
  test('say what was saved, and why a mark was ignored, in a rep’s words and without record names', () => {
    expect(pickSaveTrace(pick(), 'subject')).toEqual([
      'Saved when sent, linked to the records you picked while writing: an email a rep picks records for is saved ' +
        'whatever the autosharing settings say (rulebook section 4).',
      'Linked to contact con-jane-doe and opportunity opp-acme-expansion, with subject and metadata.',
    ]);
    expect(ignoredPickSentence({ kind: 'ignored', problem: 'expired', via: 'header' })).toBe(
      'This email carried a Save when sent mark that Liaison could not accept (it has expired), so the usual rules decided.',
    );
    expect(ignoredPickSentence({ kind: 'ignored', problem: 'expired', via: 'thread' })).toMatch(
      /^Records were picked for this thread with Save when sent, but Liaison could not use them \(it has expired\)/,
    );
    expect(pickLinksAddedSentence([{ kind: 'contact', id: 'con-john-smith' }])).toContain(
      '(contact con-john-smith)',
    );
  });
});
