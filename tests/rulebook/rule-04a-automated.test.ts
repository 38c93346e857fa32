/** Rule 4a: inbound automated mail (auto-replies, notifications, newsletters, lists) never becomes an activity. */
import { contact, context, message, outbound, ref } from './builders';
import { decide, expectSave, expectSkip } from './expectations';

const known = context({ people: [contact('c1', 'john@acme.com')] });
const linked = { who: [ref.contact('c1')] };

describe('rule 4a: automated', () => {
  test.each([
    ['auto-submitted: auto-replied', { 'auto-submitted': 'auto-replied' }],
    ['auto-submitted: auto-generated', { 'auto-submitted': 'auto-generated' }],
    ['auto-submitted: Auto-Replied (case-insensitive)', { 'auto-submitted': 'Auto-Replied' }],
    [
      'auto-submitted: auto-replied; owner-email=x (parameters)',
      { 'auto-submitted': 'auto-replied; owner-email="a@b.c"' },
    ],
    ['precedence: bulk', { precedence: 'bulk' }],
    ['precedence: junk', { precedence: 'junk' }],
    ['precedence: list', { precedence: 'list' }],
    ['precedence: BULK', { precedence: 'BULK' }],
    ['precedence: list; x=y', { precedence: 'list; x=y' }],
    ['list-id', { 'list-id': '<news.acme.com>' }],
    [
      'list-id next to list-unsubscribe',
      { 'list-id': 'News <news.acme.com>', 'list-unsubscribe': '<mailto:u@acme.com>' },
    ],
  ])('rule 4a: an inbound message with %s is automated', (_label, headers) => {
    expectSkip(decide(message({ headers }), known), 'automated');
  });

  test.each([
    ['auto-submitted: no', { 'auto-submitted': 'no' }],
    ['auto-submitted: NO (case-insensitive)', { 'auto-submitted': 'NO' }],
    ['auto-submitted: no; comment', { 'auto-submitted': 'no; reason=test' }],
    ['precedence: first-class', { precedence: 'first-class' }],
    ['list-unsubscribe alone', { 'list-unsubscribe': '<https://tool.example/u/123>' }],
    ['no headers at all', {}],
    ['unrelated headers', { 'x-mailer': 'Outlook', 'reply-to': 'john@acme.com' }],
  ])('rule 4a: an inbound message with %s is not automated', (_label, headers) => {
    expectSave(decide(message({ headers }), known), 'autoshare', linked);
  });

  test('rule 4a: a message without a headers field is not automated', () => {
    const m = message();
    delete m.headers;
    expectSave(decide(m, known), 'autoshare', linked);
  });

  test.each([
    ['auto-submitted: auto-replied', { 'auto-submitted': 'auto-replied' }],
    ['precedence: bulk', { precedence: 'bulk' }],
    ['list-id', { 'list-id': '<team.ourco.com>' }],
  ])('rule 4a: an outbound message with %s is never automated', (_label, headers) => {
    expectSave(decide(outbound({ headers }), known), 'autoshare', linked);
  });

  test('rule 4a: automated holds in thread mode too (in any mode)', () => {
    const ctx = context({
      people: known.crm.people,
      threadSubscriptions: [{ threadId: 't1', what: ref.account('a1') }],
    });
    expectSave(decide(message({ threadId: 't1' }), ctx), 'thread_autosave', {
      ...linked,
      what: ref.account('a1'),
    });
    expectSkip(
      decide(message({ threadId: 't1', headers: { 'auto-submitted': 'auto-replied' } }), ctx),
      'automated',
    );
  });
});
