import { decideAutoshare, type MailMessage } from '../../../src';
import { gatherContext } from '../../../server/context/gather-context';
import { recordDecisions } from '../../../server/db/decision-log-repo';
import { recordSavedEmail } from '../../../server/db/ledger-repo';
import { backends } from '../../support/db/test-databases';
import { startTestServer, type TestServer } from '../../support/server/test-server';

// The Activity page's API shows saves as they are: a manual save (after the sync skipped the email with auto-sharing
// off) is one row, saved by hand by whom and when, whose trace says so; a thread auto-save says how and from whose
// mailbox; an email a colleague saved by hand shows saved, its skip trace followed by that save. Both databases.

const email = (id: string, over: Partial<MailMessage> = {}): MailMessage => ({
  internetMessageId: `<${id}@mail.acme.com>`,
  threadId: `thread-${id}`,
  folder: 'inbox',
  from: { address: 'jane.doe@acme.com' },
  to: [{ address: 'sam@ourco.com' }],
  cc: [],
  bcc: [],
  subject: `Subject ${id}`,
  sentAt: '2026-03-02T10:00:00Z',
  ...over,
});

type Entry = {
  messageId: string;
  subject: string;
  decision: { action: string; reason: string; trace: string[] };
  saved?: { by?: string; how: string; at: string; mine: boolean; links: unknown[] };
};

describe.each(backends)('saves on the Activity page (%s)', (backend) => {
  let server: TestServer;
  let sam: string;
  beforeAll(async () => {
    server = await startTestServer(backend);
    sam = await server.token('sam@ourco.com');
  }, 90_000);
  afterAll(async () => server?.close());

  const activity = async (as = sam): Promise<Entry[]> => {
    const res = await server.call('GET', '/api/activity', { as });
    expect(res.status).toBe(200);
    return res.body.entries;
  };

  /** What a sync logs for Sam with auto-sharing off in his settings. */
  async function syncLogs(message: MailMessage, decidedAt: string) {
    const { ctx } = await gatherContext(server.deps, server.sam, [message]);
    ctx.settings = { ...ctx.settings, autoshareEmails: false };
    await recordDecisions(server.deps.db, [
      {
        userId: server.sam.id,
        message,
        direction: 'inbound',
        decision: decideAutoshare(message, ctx),
        decidedAt,
      },
    ]);
  }

  test('a manual save after the sync skipped the email: one row, saved by hand by whom and when, the trace says so', async () => {
    const message = email('manual');
    await syncLogs(message, '2026-03-02T10:01:00Z');
    const before = (await activity()).find((e) => e.messageId === 'manual@mail.acme.com')!;
    expect(before.decision.reason).toBe('autoshare_off');
    expect(before.saved).toBeUndefined();

    const saved = await server.call('POST', '/api/save', {
      as: sam,
      body: { message, who: [{ kind: 'contact', id: 'con-jane-doe' }], level: 'subject' },
    });
    expect(saved.status).toBe(200);
    const rows = (await activity()).filter((e) => e.messageId === 'manual@mail.acme.com');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      decision: { action: 'save', reason: 'manual' },
      saved: {
        by: 'Sam Seller',
        how: 'manual',
        mine: true,
        links: [{ kind: 'contact', id: 'con-jane-doe' }],
      },
    });
    expect(rows[0]!.saved!.at).toBe(saved.body.saved.savedAt);
    expect(rows[0]!.decision.trace).toEqual([
      'Saved by hand by Sam Seller from the sidebar: a rep may save any email (rulebook section 4).',
      'Linked to contact con-jane-doe, with subject and metadata.',
    ]);
    expect(rows[0]!.decision.trace.join(' ')).not.toMatch(/auto-sharing is off/);
    const byHand = await server.call('GET', '/api/activity?reason=manual', { as: sam });
    expect(byHand.body.entries.map((e: Entry) => e.messageId)).toEqual(['manual@mail.acme.com']);
  });

  test("a thread auto-save says how, from whose mailbox and when; a colleague's mailbox says whose", async () => {
    const message = email('thread');
    const decision = {
      action: 'save' as const,
      reason: 'thread_autosave' as const,
      who: [{ kind: 'contact' as const, id: 'con-jane-doe' }],
      create: [],
      content: 'subject' as const,
      trace: ['Saved by thread auto-save, linked to contact con-jane-doe, with subject and metadata.'],
    };
    await recordSavedEmail(server.deps.db, {
      messageId: message.internetMessageId,
      activityId: 'act-thread',
      links: decision.who,
      savedBy: server.sam.id,
      mode: 'automatic',
      savedAt: '2026-03-02T10:02:00Z',
    });
    await recordDecisions(server.deps.db, [
      { userId: server.sam.id, message, direction: 'inbound', decision, decidedAt: '2026-03-02T10:02:00Z' },
      {
        userId: server.pat.id,
        message,
        direction: 'inbound',
        decision: {
          ...decision,
          action: 'skip',
          reason: 'already_saved',
          who: [],
          trace: ['Already saved.'],
        },
        decidedAt: '2026-03-02T10:03:00Z',
      },
    ]);
    const mine = (await activity()).find((e) => e.messageId === 'thread@mail.acme.com')!;
    expect(mine.saved).toMatchObject({ by: 'Sam Seller', how: 'thread_autosave', mine: true });
    expect(Date.parse(mine.saved!.at)).toBe(Date.parse('2026-03-02T10:02:00Z'));
    const pats = (await activity(await server.token('pat@ourco.com'))).find(
      (e) => e.messageId === 'thread@mail.acme.com',
    )!;
    expect(pats).toMatchObject({
      decision: { action: 'skip', reason: 'already_saved' },
      saved: { by: 'Sam Seller', how: 'automatic', mine: false },
    });
  });
});
