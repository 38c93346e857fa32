import { folderRoleOf } from '../../../../server/providers/imap';
import { parseImapCursor } from '../../../../server/providers/imap/imap-cursor';
import { toMailSourceError } from '../../../../server/providers/imap/imap-error';
import { uidSet } from '../../../../server/providers/imap/uid-set';
import { MailSourceError } from '../../../../server/providers/mail-source';

// The IMAP source's pure parts: folder roles, UID sets, cursor reading, error kinds.

describe('folderRoleOf', () => {
  test.each([
    [{ path: 'INBOX' }, 'inbox'],
    [{ path: 'Inbox', specialUse: '\\Inbox' }, 'inbox'],
    [{ path: '[Gmail]/Sent Mail', specialUse: '\\Sent' }, 'sent'],
    [{ path: 'Archive', specialUse: '\\Archive' }, 'archive'],
    [{ path: '[Gmail]/All Mail', specialUse: '\\All' }, 'other'],
    [{ path: 'Drafts', specialUse: '\\Drafts' }, 'drafts'],
    [{ path: 'Spam', specialUse: '\\Junk' }, 'junk'],
    [{ path: 'Bin', specialUse: '\\Trash' }, 'deleted'],
    [{ path: '[Gmail]/Starred', specialUse: '\\Flagged' }, 'other'],
    [{ path: 'Projects' }, 'other'],
  ])('%j is %s', (mailbox, folder) => {
    expect(folderRoleOf(mailbox)).toBe(folder);
  });
});

test('uidSet compacts runs', () => {
  expect(uidSet([])).toBe('');
  expect(uidSet([7])).toBe('7');
  expect(uidSet([1, 2, 3, 5, 8, 9])).toBe('1:3,5,8:9');
});

describe('parseImapCursor', () => {
  test('keeps valid folder positions and drops nonsense ones', () => {
    const parsed = parseImapCursor({
      connectedAt: '2026-01-05T10:00:00.000Z',
      folders: { INBOX: { uidValidity: '42', lastUid: 7 }, Sent: { uidValidity: 42, lastUid: 1 }, X: null },
    });
    expect(parsed).toEqual({
      connectedAt: '2026-01-05T10:00:00.000Z',
      folders: { INBOX: { uidValidity: '42', lastUid: 7 } },
    });
  });
  test('refuses a cursor without a connection time', () => {
    expect(() => parseImapCursor({ folders: {} })).toThrow(/connectedAt/);
    expect(() => parseImapCursor({ connectedAt: 'yesterday', folders: {} })).toThrow(/connectedAt/);
  });
});

describe('toMailSourceError', () => {
  test('refused credentials are auth', () => {
    const error = Object.assign(new Error('Command failed'), {
      authenticationFailed: true,
      responseText: 'Authentication failed.',
    });
    const mapped = toMailSourceError(error, 'fetch');
    expect([mapped.kind, mapped.message, mapped.cause]).toEqual([
      'auth',
      'IMAP fetch failed: Command failed: Authentication failed.',
      error,
    ]);
    expect(toMailSourceError({ serverResponseCode: 'AUTHENTICATIONFAILED' }, 'x').kind).toBe('auth');
  });
  test('throttling is rate_limited with the server back-off', () => {
    const mapped = toMailSourceError(
      Object.assign(new Error('slow down'), { code: 'ETHROTTLE', throttleReset: 3000 }),
      'x',
    );
    expect([mapped.kind, mapped.retryAfterMs]).toEqual(['rate_limited', 3000]);
  });
  test.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'NoConnection',
    'CONNECT_TIMEOUT',
    'GREETING_TIMEOUT',
  ])('%s is unavailable', (code) => {
    expect(toMailSourceError(Object.assign(new Error('boom'), { code }), 'x').kind).toBe('unavailable');
  });
  test('a MailSourceError passes through unchanged', () => {
    const original = new MailSourceError('not_found', 'gone');
    expect(toMailSourceError(original, 'x')).toBe(original);
  });
});
