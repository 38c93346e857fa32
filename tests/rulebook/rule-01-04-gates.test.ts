/** Rules 1 to 4: folder, the user's own message, connection date, one activity per email. */
import { contact, context, message, outbound, ref, USER, USER_ALIAS } from './builders';
import { decide, expectSave, expectSkip } from './expectations';

const known = context({ people: [contact('c1', 'john@acme.com')] });
const linked = { who: [ref.contact('c1')] };

describe('rule 1: excluded_folder', () => {
  test.each(['inbox', 'archive'] as const)('rule 1: an inbound message in %s is read', (folder) => {
    expectSave(decide(message({ folder }), known), 'autoshare', linked);
  });

  test('rule 1: an outbound message in sent is read', () => {
    expectSave(decide(outbound(), known), 'autoshare', linked);
  });

  test.each(['drafts', 'junk', 'deleted', 'outbox', 'other'] as const)('rule 1: %s never syncs', (folder) => {
    expectSkip(decide(message({ folder }), known), 'excluded_folder');
  });

  test('rule 1: an outbound message still in the outbox never syncs', () => {
    expectSkip(decide(outbound({ folder: 'outbox' }), known), 'excluded_folder');
  });
});

describe('rule 2: not_users_message', () => {
  test('rule 2: a message where the user is nowhere is skipped', () => {
    const d = decide(message({ to: ['mary@acme.com'], cc: ['bob@beta.io'] }), known);
    expectSkip(d, 'not_users_message');
  });

  test('rule 2: the user in Cc is enough', () => {
    expectSave(decide(message({ to: ['mary@acme.com'], cc: [USER] }), known), 'autoshare', linked);
  });

  test('rule 2: the user in Bcc is enough', () => {
    expectSave(decide(message({ to: ['mary@acme.com'], bcc: [USER] }), known), 'autoshare', linked);
  });

  test('rule 2: the user as the sender is enough', () => {
    expectSave(decide(outbound(), known), 'autoshare', linked);
  });

  test('rule 2: any of the user addresses counts (second address)', () => {
    expectSave(decide(message({ to: [USER_ALIAS] }), known), 'autoshare', linked);
  });

  test('rule 2: the user address compares case-insensitively and trimmed', () => {
    expectSave(decide(message({ to: ['  REP@OurCo.COM '] }), known), 'autoshare', linked);
  });

  test('rule 2: a colleague at the same domain is not the user', () => {
    expectSkip(decide(message({ to: ['colleague@ourco.com'] }), known), 'not_users_message');
  });
});

describe('rule 3: before_connection', () => {
  test('rule 3: a message sent before connectedAt is not imported', () => {
    expectSkip(decide(message({ sentAt: '2025-12-31T23:59:59Z' }), known), 'before_connection');
  });

  test('rule 3: one millisecond before connectedAt is earlier', () => {
    expectSkip(decide(message({ sentAt: '2025-12-31T23:59:59.999Z' }), known), 'before_connection');
  });

  test('rule 3: a message sent exactly at connectedAt is not earlier, so it is read', () => {
    expectSave(decide(message({ sentAt: '2026-01-01T00:00:00Z' }), known), 'autoshare', linked);
  });

  test('rule 3: time zones are honoured (00:30+01:00 is 23:30Z the day before)', () => {
    expectSkip(decide(message({ sentAt: '2026-01-01T00:30:00+01:00' }), known), 'before_connection');
  });

  test('rule 3: time zones are honoured (20:00-05:00 on Dec 31 is 01:00Z on Jan 1)', () => {
    expectSave(decide(message({ sentAt: '2025-12-31T20:00:00-05:00' }), known), 'autoshare', linked);
  });

  test('rule 3: applies to outbound messages too', () => {
    expectSkip(decide(outbound({ sentAt: '2025-06-01T10:00:00Z' }), known), 'before_connection');
  });
});

describe('rule 4: already_saved', () => {
  test('rule 4: a Message-ID already saved in the organisation is skipped', () => {
    const ctx = context({ people: known.crm.people, savedMessageIds: ['<msg-1@acme.com>'] });
    expectSkip(decide(message(), ctx), 'already_saved');
  });

  test('rule 4: Message-IDs compare without <> (saved without, message with)', () => {
    const ctx = context({ people: known.crm.people, savedMessageIds: ['msg-1@acme.com'] });
    expectSkip(decide(message({ internetMessageId: '<msg-1@acme.com>' }), ctx), 'already_saved');
  });

  test('rule 4: Message-IDs compare without <> and white space (message without, saved with)', () => {
    const ctx = context({ people: known.crm.people, savedMessageIds: ['  <msg-1@acme.com> '] });
    expectSkip(decide(message({ internetMessageId: 'msg-1@acme.com' }), ctx), 'already_saved');
  });

  test('rule 4: white space around the message own Message-ID is ignored', () => {
    const ctx = context({ people: known.crm.people, savedMessageIds: ['<msg-1@acme.com>'] });
    expectSkip(decide(message({ internetMessageId: ' \t<msg-1@acme.com>\n' }), ctx), 'already_saved');
  });

  test('rule 4: another Message-ID is not already saved', () => {
    const ctx = context({ people: known.crm.people, savedMessageIds: ['<msg-2@acme.com>'] });
    expectSave(decide(message(), ctx), 'autoshare', linked);
  });

  test('rule 4: one email is one activity whichever mailbox saw it (outbound copy too)', () => {
    const ctx = context({ people: known.crm.people, savedMessageIds: ['<msg-1@acme.com>'] });
    expectSkip(decide(outbound(), ctx), 'already_saved');
  });
});
