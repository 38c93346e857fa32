import type { AutoshareDecision, MailMessage } from '../../../src';
import {
  decisionCounts,
  latestDecision,
  listDecisions,
  recordDecisions,
} from '../../../server/db/decision-log-repo';
import { createUser } from '../../../server/db/users-repo';
import { backends, useTestDatabase } from '../../support/db/test-databases';

const message: MailMessage = {
  internetMessageId: '<m1@acme.com>',
  threadId: 'T1',
  folder: 'inbox',
  from: { address: 'Jane@Acme.com', name: 'Jane' },
  to: [{ address: 'alice@ourco.com' }],
  cc: [{ address: 'bob@acme.com' }],
  bcc: [{ address: 'secret@ourco.com' }],
  subject: 'Renewal',
  sentAt: '2026-03-02T09:30:00Z',
  bodyText: 'CONFIDENTIAL BODY TEXT',
  headers: { 'x-secret': 'HEADER VALUE' },
};

const save: AutoshareDecision = {
  action: 'save',
  reason: 'autoshare',
  who: [{ kind: 'contact', id: 'c1' }],
  what: { kind: 'opportunity', id: 'o1' },
  create: [{ address: 'new@acme.com', accountId: 'acc1' }],
  content: 'full',
  trace: ['Jane is a known contact.', 'Linked to the open opportunity.'],
};

const skip: AutoshareDecision = {
  action: 'skip',
  reason: 'already_saved',
  who: [],
  create: [],
  content: 'full',
  trace: ['Already saved.'],
};

describe.each(backends)('decision log on %s', (backend) => {
  const t = useTestDatabase(backend);
  beforeAll(async () => {
    await createUser(t.db, { id: 'u1', addresses: ['alice@ourco.com'] });
    await createUser(t.db, { id: 'u2', addresses: ['bob@ourco.com'] });
  });

  it('records the envelope and decision, never the body, and explains the latest one', async () => {
    const ids = await recordDecisions(t.db, [
      { userId: 'u1', message, direction: 'inbound', decision: save, decidedAt: '2026-03-02T10:00:00Z' },
      { userId: 'u1', message, direction: 'inbound', decision: skip, decidedAt: '2026-03-02T11:00:00Z' },
    ]);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);

    const latest = await latestDecision(t.db, 'u1', 'm1@acme.com');
    expect(latest).toEqual({
      id: ids[1],
      kind: 'email',
      userId: 'u1',
      messageId: 'm1@acme.com',
      threadId: 'T1',
      folder: 'inbox',
      direction: 'inbound',
      from: 'jane@acme.com',
      to: ['alice@ourco.com'],
      cc: ['bob@acme.com'],
      subject: 'Renewal',
      sentAt: '2026-03-02T09:30:00Z',
      decision: skip,
      decidedAt: '2026-03-02T11:00:00.000Z',
    });
    const all = await listDecisions(t.db, 'u1');
    expect(all.map((d) => d.decision)).toEqual([skip, save]);

    const rows = await t.db.selectFrom('decision_log').selectAll().execute();
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('CONFIDENTIAL');
    expect(stored).not.toContain('HEADER VALUE');
    expect(stored).not.toContain('secret@ourco.com');
  });

  it('keeps users apart, pages by time and counts actions', async () => {
    await recordDecisions(t.db, [
      {
        userId: 'u2',
        message: { ...message, internetMessageId: 'm2@acme.com' },
        direction: 'outbound',
        decision: save,
        decidedAt: '2026-03-03T10:00:00Z',
      },
    ]);
    expect(await latestDecision(t.db, 'u2', '<m1@acme.com>')).toBeUndefined();
    expect((await latestDecision(t.db, 'u2', '<m2@acme.com>'))?.direction).toBe('outbound');
    const older = await listDecisions(t.db, 'u1', { before: '2026-03-02T10:30:00Z' });
    expect(older.map((d) => d.decision.action)).toEqual(['save']);
    expect(await listDecisions(t.db, 'u1', { limit: 1 })).toHaveLength(1);
    expect(await decisionCounts(t.db, 'u1')).toEqual({ save: 1, skip: 1 });
    expect(await decisionCounts(t.db, 'u2')).toEqual({ save: 1, skip: 0 });
    expect(await recordDecisions(t.db, [])).toEqual([]);
  });

  it('logs a malformed message without throwing', async () => {
    const bad = {
      ...message,
      internetMessageId: '<bad@x>',
      from: undefined,
      to: null,
      sentAt: 42,
    } as unknown as MailMessage;
    const invalid: AutoshareDecision = { ...skip, reason: 'invalid_message', trace: ['from is empty.'] };
    await recordDecisions(t.db, [{ userId: 'u1', message: bad, direction: 'inbound', decision: invalid }]);
    const entry = await latestDecision(t.db, 'u1', 'bad@x');
    expect(entry).toMatchObject({ from: '', to: [], sentAt: '', decision: invalid });
  });
});
