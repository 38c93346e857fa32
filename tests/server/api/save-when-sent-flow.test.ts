import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { recordKey, type MailMessage } from '../../../src';
import { latestDecision } from '../../../server/db/decision-log-repo';
import type { Mailbox } from '../../../server/db/mailboxes-repo';
import { getUser } from '../../../server/db/users-repo';
import { processBatch } from '../../../server/sync/sync-batch';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';
import { connectMaildir } from '../sync/sync-helpers';

// Save when sent (issue 18) over real HTTP and through the sync's batch, on both databases (embedded CRM): the pick
// is kept by POST /api/save/when-sent, and a sent copy carrying its token (or, for Gmail, sent in its thread) is
// saved with the picked records as a save by hand although Sam's auto-sharing is off. A forged, foreign, stale or
// used mark is ignored, and the trace says why.

const JANE = { kind: 'contact', id: 'con-jane-doe' } as const;
const JOHN = { kind: 'contact', id: 'con-john-smith' } as const;
const EXPANSION = { kind: 'opportunity', id: 'opp-acme-expansion' } as const;
const DAY = 86_400_000;
const TOKEN = /^v1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/;

describe.each(backends)('Save when sent (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  let pat: string;
  let mailbox: Mailbox;
  let dir: string;
  const tag = randomBytes(4).toString('hex');
  const mid = (name: string) => `${name}.${tag}@ourco.com`;

  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
    pat = await server.token('pat@ourco.com');
    const off = await server.call('PATCH', '/api/settings', { as: sam, body: { autoshareEmails: false } });
    expect(off.body.settings).toMatchObject({ autoshareEmails: false });
    dir = await mkdtemp(path.join(os.tmpdir(), 'save-when-sent-'));
    mailbox = await connectMaildir(server.deps.db, server.sam.id, dir, new Date('2026-01-01T00:00:00Z'));
  }, 90_000);
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const pick = (as: string, body: unknown) => server.call('POST', '/api/save/when-sent', { as, body });
  const sentCopy = (name: string, over: Partial<MailMessage> = {}): MailMessage => ({
    internetMessageId: `<${mid(name)}>`,
    threadId: `thread-${name}-${tag}`,
    folder: 'sent',
    from: { address: 'sam@ourco.com', name: 'Sam Seller' },
    to: [{ address: 'jane.doe@acme.com', name: 'Jane Doe' }],
    cc: [],
    bcc: [],
    subject: `Expansion terms ${name}`,
    sentAt: new Date().toISOString(),
    ...over,
  });
  const marked = (name: string, token: string, over: Partial<MailMessage> = {}) =>
    sentCopy(name, { headers: { 'x-liaison-save': token }, ...over });
  async function sync(messages: MailMessage[], now?: Date) {
    const user = (await getUser(server.deps.db, server.sam.id))!;
    const deps = {
      db: server.deps.db,
      crm: server.deps.crm,
      secrets: server.deps.secrets,
      ...(now ? { now: () => now } : {}),
    };
    return processBatch(deps, mailbox, user, { messages, cursor: mailbox.cursor! });
  }
  const decision = async (name: string) =>
    (await latestDecision(server.deps.db, server.sam.id, mid(name)))?.decision;
  const activities = (name: string) => server.deps.crm.findActivitiesByMessageIds([mid(name)]);

  describe('POST /api/save/when-sent', () => {
    test('answers the header to set and an opaque signed token, good for 30 days', async () => {
      const before = Date.now();
      const res = await pick(sam, { who: [JANE], what: EXPANSION, autosaveThread: true });
      expect(res.status).toBe(200);
      expect(res.body.header).toBe('x-liaison-save');
      expect(res.body.token).toMatch(TOKEN);
      // Opaque: no record, no name, no address in it.
      expect(res.body.token).not.toMatch(/jane|con-|opp-|sam/i);
      const expires = Date.parse(res.body.expiresAt);
      expect(expires).toBeGreaterThanOrEqual(before + 30 * DAY);
      expect(expires).toBeLessThanOrEqual(Date.now() + 30 * DAY);
      const id = (res.body.token as string).split('.')[1]!;
      const row = await server.deps.db
        .selectFrom('save_picks')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      expect(row).toMatchObject({
        user_id: server.sam.id,
        who: [JANE],
        what: EXPANSION,
        level: null,
        autosave_thread: true,
        thread_id: null,
        used_at: null,
      });
    });

    test.each<[string, unknown, RegExp]>([
      [
        'no record',
        { who: [], autosaveThread: false },
        /^Pick at least one contact, lead, opportunity or account/,
      ],
      [
        'a contact as the related record',
        { who: [], what: JANE },
        /^Only an opportunity or an account can be the record an email is related to\.$/,
      ],
      [
        'an opportunity among the people',
        { who: [EXPANSION] },
        /^Only contacts and leads can be the people an email is linked to\.$/,
      ],
      ['a level that does not exist', { who: [JANE], level: 'everything' }, /level/],
      ['an empty thread id', { who: [JANE], threadId: '  ' }, /^The thread id is empty\.$/],
      [
        'a record the CRM does not have',
        { who: [JANE, { kind: 'contact', id: 'con-nobody' }] },
        /^The CRM has no contact con-nobody: pick records found in the CRM\.$/,
      ],
    ])('refuses %s with a 400 and a sentence', async (_what, body, message) => {
      const res = await pick(sam, body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    });

    test('is for signed-in users only', async () => {
      const res = await server.call('POST', '/api/save/when-sent', { body: { who: [JANE] } });
      expect(res.status).toBe(401);
    });

    test('a new Gmail pick for a thread replaces the open one', async () => {
      const thread = `gmail-replaced-${tag}`;
      await pick(sam, { who: [JANE], threadId: thread });
      await pick(sam, { who: [JOHN], threadId: thread });
      const rows = await server.deps.db
        .selectFrom('save_picks')
        .select('who')
        .where('thread_id', '=', thread)
        .execute();
      expect(rows).toEqual([{ who: [JOHN] }]);
    });
  });

  describe('the sync', () => {
    test('saves a sent copy carrying the mark with the picked records, by hand, once, and subscribes the thread', async () => {
      const { token } = (await pick(sam, { who: [JANE], what: EXPANSION, autosaveThread: true })).body;
      const result = await sync([marked('marked', token), sentCopy('unmarked')]);
      expect(result).toMatchObject({ looked: 2, saved: 1 });

      expect(await decision('marked')).toMatchObject({
        action: 'save',
        reason: 'manual',
        who: [JANE],
        what: EXPANSION,
      });
      expect((await decision('marked'))?.trace[0]).toMatch(
        /^Saved when sent, linked to the records you picked/,
      );
      // Without the mark, Sam's settings decide: auto-sharing is off.
      expect(await decision('unmarked')).toMatchObject({ action: 'skip', reason: 'autoshare_off' });

      const [activity] = await activities('marked');
      expect(
        activity && { who: activity.who.map(recordKey), what: activity.what && recordKey(activity.what) },
      ).toEqual({
        who: ['contact:con-jane-doe'],
        what: 'opportunity:opp-acme-expansion',
      });
      const ledger = await server.deps.db
        .selectFrom('saved_emails')
        .select(['mode', 'saved_by'])
        .where('message_id', '=', mid('marked'))
        .executeTakeFirst();
      expect(ledger).toEqual({ mode: 'manual', saved_by: server.sam.id });
      const sub = await server.deps.db
        .selectFrom('thread_subscriptions')
        .select(['what_kind', 'what_id'])
        .where('user_id', '=', server.sam.id)
        .where('thread_id', '=', `thread-marked-${tag}`)
        .executeTakeFirst();
      expect(sub).toEqual({ what_kind: 'opportunity', what_id: 'opp-acme-expansion' });
      const id = (token as string).split('.')[1]!;
      const row = await server.deps.db
        .selectFrom('save_picks')
        .select('used_at')
        .where('id', '=', id)
        .executeTakeFirst();
      expect(row?.used_at).toBeInstanceOf(Date);

      // The same mark on another email: used already, so the usual rules decide.
      await sync([marked('again', token)]);
      expect(await decision('again')).toMatchObject({ action: 'skip', reason: 'autoshare_off' });
      expect((await decision('again'))?.trace).toContain(
        'This email carried a Save when sent mark that Liaison could not accept (it was used for another email already), so the usual rules decided.',
      );
      expect(await activities('again')).toEqual([]);
    });

    test.each<[string, (token: string) => Promise<string>, string]>([
      [
        'forged (a signature that is not the server’s)',
        async (t) => `${t.slice(0, -4)}AAAA`,
        'its signature is not Liaison’s',
      ],
      [
        'made up',
        async () => `v1.${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.${'B'.repeat(43)}`,
        'its signature is not Liaison’s',
      ],
      [
        'another user’s',
        async () => (await pick(pat, { who: [JANE] })).body.token as string,
        'another user made it',
      ],
    ])('ignores a mark that is %s, and says so', async (_what, make, why) => {
      const own = (await pick(sam, { who: [JANE] })).body.token as string;
      const name = `ignored-${why.length}-${randomBytes(2).toString('hex')}`;
      await sync([marked(name, await make(own))]);
      expect(await decision(name)).toMatchObject({ action: 'skip', reason: 'autoshare_off' });
      expect((await decision(name))?.trace).toContain(
        `This email carried a Save when sent mark that Liaison could not accept (${why}), so the usual rules decided.`,
      );
      expect(await activities(name)).toEqual([]);
    });

    test('ignores a stale mark (after 30 days) and leaves the pick unused', async () => {
      const { token } = (await pick(sam, { who: [JANE] })).body;
      await sync([marked('stale', token)], new Date(Date.now() + 31 * DAY));
      expect(await decision('stale')).toMatchObject({ action: 'skip', reason: 'autoshare_off' });
      expect((await decision('stale'))?.trace).toContain(
        'This email carried a Save when sent mark that Liaison could not accept (it has expired), so the usual rules decided.',
      );
      expect(await activities('stale')).toEqual([]);
      const id = (token as string).split('.')[1]!;
      const row = await server.deps.db
        .selectFrom('save_picks')
        .select('used_at')
        .where('id', '=', id)
        .executeTakeFirst();
      expect(row).toEqual({ used_at: null });
    });

    test('an email a colleague saved already gets the picked records added to its activity, never a second one', async () => {
      const message = sentCopy('colleague', {
        to: [{ address: 'jane.doe@acme.com' }, { address: 'pat@ourco.com' }],
      });
      const saved = await server.call('POST', '/api/save', { as: pat, body: { message, who: [JANE] } });
      expect(saved.status).toBe(200);
      const { token } = (await pick(sam, { who: [JANE, JOHN], what: EXPANSION })).body;
      await sync([{ ...message, headers: { 'x-liaison-save': token } }]);

      const found = await activities('colleague');
      expect(found).toHaveLength(1);
      expect(found[0]!.id).toBe(saved.body.saved.activityId);
      expect(found[0]!.who.map(recordKey)).toEqual(['contact:con-jane-doe', 'contact:con-john-smith']);
      expect(found[0]!.what && recordKey(found[0]!.what)).toBe('opportunity:opp-acme-expansion');
      expect(await decision('colleague')).toMatchObject({ action: 'skip', reason: 'already_saved' });
      expect((await decision('colleague'))?.trace.at(-1)).toBe(
        'Save when sent: the email was already saved in the CRM, so the records you picked while writing were added ' +
          'to it (contact con-john-smith and opportunity opp-acme-expansion); one email is one activity.',
      );
      const id = (token as string).split('.')[1]!;
      const row = await server.deps.db
        .selectFrom('save_picks')
        .select('used_at')
        .where('id', '=', id)
        .executeTakeFirst();
      expect(row?.used_at).toBeInstanceOf(Date);
    });

    test('a Gmail pick saves the next email Sam sends in its thread, with no header', async () => {
      const threadId = `gmail-${tag}`;
      const res = await pick(sam, { who: [JANE], threadId, level: 'metadata' });
      expect(res.status).toBe(200);
      await sync([
        sentCopy('gmail-reply', { threadId }),
        sentCopy('gmail-next', { threadId, sentAt: new Date(Date.now() + 60_000).toISOString() }),
      ]);
      expect(await decision('gmail-reply')).toMatchObject({
        action: 'save',
        reason: 'manual',
        who: [JANE],
        content: 'metadata',
      });
      // The pick saves one email: the next one is Sam's settings' again.
      expect(await decision('gmail-next')).toMatchObject({ action: 'skip', reason: 'autoshare_off' });
      const [activity] = await activities('gmail-reply');
      expect(activity?.subject).toBe('Email'); // metadata: the subject is not revealed
    });
  });
});
