import { deriveThreadId, extractMessageIds, threadIdOf } from '../../src';

describe('thread ids', () => {
  test('the first Message-ID of References names the thread', () => {
    expect(
      deriveThreadId({
        internetMessageId: '<c@x>',
        headers: { references: '<root@x>\r\n <b@x>', 'in-reply-to': '<b@x>' },
      }),
    ).toBe('root@x');
  });

  test('without References, In-Reply-To', () => {
    expect(deriveThreadId({ internetMessageId: '<c@x>', headers: { 'in-reply-to': ' <b@x> ' } })).toBe('b@x');
  });

  test("without either, the message's own normalised Message-ID", () => {
    expect(deriveThreadId({ internetMessageId: ' <c@x> ' })).toBe('c@x');
    expect(deriveThreadId({ internetMessageId: '<c@x>', headers: { references: '   ' } })).toBe('c@x');
  });

  test('header names are matched whatever their case', () => {
    expect(deriveThreadId({ internetMessageId: '<c@x>', headers: { References: '<r@x>' } })).toBe('r@x');
  });

  test("the provider's thread id wins when it gives one", () => {
    expect(
      threadIdOf({ internetMessageId: '<c@x>', threadId: 'AAQkADA=', headers: { references: '<r@x>' } }),
    ).toBe('AAQkADA=');
    expect(threadIdOf({ internetMessageId: '<c@x>', threadId: '  ', headers: { references: '<r@x>' } })).toBe(
      'r@x',
    );
  });

  test('unbracketed ids are split on white space', () => {
    expect(extractMessageIds('a@x b@x')).toEqual(['a@x', 'b@x']);
  });
});
