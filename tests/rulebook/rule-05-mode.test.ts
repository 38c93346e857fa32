/** Rule 5: thread autosave when the thread is subscribed, else autoshare, else skip. */
import { contact, context, message, ref } from './builders';
import { decide, expectSave, expectSkip } from './expectations';

const people = [contact('c1', 'john@acme.com')];
const subscribed = [{ threadId: 'thread-7', what: ref.opportunity('o1') }];

describe('rule 5: mode', () => {
  test('rule 5: a subscribed thread with threadAutosave on is thread_autosave', () => {
    const ctx = context({ people, threadSubscriptions: subscribed });
    expectSave(decide(message({ threadId: 'thread-7' }), ctx), 'thread_autosave', {
      who: [ref.contact('c1')],
      what: ref.opportunity('o1'),
    });
  });

  test('rule 5: thread_autosave works with autoshareEmails off', () => {
    const ctx = context({ people, threadSubscriptions: subscribed, settings: { autoshareEmails: false } });
    expectSave(decide(message({ threadId: 'thread-7' }), ctx), 'thread_autosave', {
      who: [ref.contact('c1')],
      what: ref.opportunity('o1'),
    });
  });

  test('rule 5: a subscribed thread with threadAutosave off falls back to autoshare', () => {
    const ctx = context({ people, threadSubscriptions: subscribed, settings: { threadAutosave: false } });
    expectSave(decide(message({ threadId: 'thread-7' }), ctx), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 5: a subscribed thread with both settings off skips with autoshare_off', () => {
    const ctx = context({
      people,
      threadSubscriptions: subscribed,
      settings: { threadAutosave: false, autoshareEmails: false },
    });
    expectSkip(decide(message({ threadId: 'thread-7' }), ctx), 'autoshare_off');
  });

  test('rule 5: an unsubscribed thread is autoshare', () => {
    const ctx = context({ people, threadSubscriptions: subscribed });
    expectSave(decide(message({ threadId: 'thread-8' }), ctx), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 5: a message without threadId is autoshare', () => {
    const ctx = context({ people, threadSubscriptions: subscribed });
    expectSave(decide(message(), ctx), 'autoshare', { who: [ref.contact('c1')] });
  });

  test('rule 5: autoshareEmails off and no subscription skips with autoshare_off', () => {
    const ctx = context({ people, threadSubscriptions: subscribed, settings: { autoshareEmails: false } });
    expectSkip(decide(message({ threadId: 'thread-8' }), ctx), 'autoshare_off');
  });
});
