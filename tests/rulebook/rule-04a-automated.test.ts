/** Rule 4a: inbound automated mail (auto-replies, notifications, newsletters, lists) never becomes an activity. */
import { contact, context, message, outbound, ref } from './builders';
import { decide, expectSave, expectSkip, traceText } from './expectations';

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

  // Each sentence of rule 4a as sharpened in issue 14.
  describe('rule 4a: a repeated header arrives joined with ", " and each of its values counts', () => {
    test.each([
      ['auto-submitted: no, auto-replied', { 'auto-submitted': 'no, auto-replied' }],
      ['auto-submitted: auto-generated, no', { 'auto-submitted': 'auto-generated, no' }],
      ['precedence: first-class, bulk', { precedence: 'first-class, bulk' }],
      ['precedence: list, junk', { precedence: 'list, junk' }],
      ['content-type: text/plain, multipart/report', { 'content-type': 'text/plain, multipart/report' }],
    ])('rule 4a: %s is automated', (_label, headers) => {
      expectSkip(decide(message({ headers }), known), 'automated');
    });
    test.each([
      ['auto-submitted: no, no', { 'auto-submitted': 'no, no' }],
      ['precedence: first-class, normal', { precedence: 'first-class, normal' }],
    ])('rule 4a: %s is not automated', (_label, headers) => {
      expectSave(decide(message({ headers }), known), 'autoshare', linked);
    });
  });

  describe('rule 4a: a value compares case-insensitively by its first word (before ;  ,  ( or white space)', () => {
    test.each([
      ['auto-submitted: no (sent by a person)', { 'auto-submitted': 'no (sent by a person)' }],
      ['auto-submitted: No(comment)', { 'auto-submitted': 'No(comment)' }],
      ['auto-submitted: "no" then white space and more', { 'auto-submitted': 'no  really' }],
      ['precedence: normal (bulk)', { precedence: 'normal (bulk)' }],
    ])('rule 4a: %s is not automated', (_label, headers) => {
      expectSave(decide(message({ headers }), known), 'autoshare', linked);
    });
    test.each([
      ['auto-submitted: auto-replied (vacation)', { 'auto-submitted': 'auto-replied (vacation)' }],
      ['auto-submitted: AUTO-GENERATED x', { 'auto-submitted': 'AUTO-GENERATED x' }],
      ['precedence: Bulk (newsletter)', { precedence: 'Bulk (newsletter)' }],
      ['precedence:   junk', { precedence: '  junk' }],
    ])('rule 4a: %s is automated', (_label, headers) => {
      expectSkip(decide(message({ headers }), known), 'automated');
    });
  });

  describe('rule 4a: x-autoreply, x-autorespond and x-mailman-version headers', () => {
    test.each([
      ['x-autoreply: yes', { 'x-autoreply': 'yes' }],
      ['x-autorespond (empty)', { 'x-autorespond': '' }],
      ['x-mailman-version: 2.1.39', { 'x-mailman-version': '2.1.39' }],
    ])('rule 4a: an inbound message with %s is automated', (_label, headers) => {
      const d = decide(message({ headers }), known);
      expectSkip(d, 'automated');
      expect(traceText(d)).toMatch(/X-(Autoreply|Autorespond|Mailman-Version)/);
    });
  });

  describe('rule 4a: a content-type of multipart/report (delivery failures and read receipts)', () => {
    test.each([
      ['a bounce', { 'content-type': 'multipart/report; report-type=delivery-status; boundary="b1"' }],
      ['a read receipt', { 'content-type': 'Multipart/Report; report-type=disposition-notification' }],
    ])('rule 4a: %s is automated', (_label, headers) => {
      const d = decide(message({ headers }), known);
      expectSkip(d, 'automated');
      expect(traceText(d)).toContain('delivery report or a read receipt');
    });
    test.each([
      ['multipart/mixed', { 'content-type': 'multipart/mixed; boundary="x"' }],
      ['text/plain naming report in a parameter', { 'content-type': 'text/plain; name="multipart/report"' }],
    ])('rule 4a: %s is not automated', (_label, headers) => {
      expectSave(decide(message({ headers }), known), 'autoshare', linked);
    });
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
    ['x-autoreply', { 'x-autoreply': 'yes' }],
    ['content-type: multipart/report', { 'content-type': 'multipart/report' }],
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
