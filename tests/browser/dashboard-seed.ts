import { decideAutoshare, shareContent, type MailMessage } from '../../src';
import { gatherContext } from '../../server/context/gather-context';
import { recordDecisions } from '../../server/db/decision-log-repo';
import type { User } from '../../server/db/users-repo';
import type { TestServer } from '../support/server/test-server';

// A few emails for a user, decided by the real core and saved in the embedded CRM as a sync would: two saves
// (a known contact, an outbound email to another), one internal, one from a stranger.

const email = (n: number, from: string, to: string[], subject: string, daysAgo = 1): MailMessage => ({
  internetMessageId: `<dash-${n}@example.test>`,
  threadId: `thread-${n}`,
  folder: from.endsWith('@ourco.com') ? 'sent' : 'inbox',
  from: { address: from },
  to: to.map((address) => ({ address })),
  cc: [],
  bcc: [],
  subject,
  sentAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
  bodyText: 'Hello',
});

/** A few emails for `user` (one address), decided and saved as a sync would: saves, internal, unknown. */
export async function seedActivity(
  server: TestServer,
  user: User,
): Promise<{ saved: string[]; skipped: string[] }> {
  const me = user.addresses[0]!;
  const messages = [
    email(1, 'jane.doe@acme.com', [me], 'Renewal terms for next year'),
    email(2, me, ['bill@initech.io'], 'Initech rollout plan', 2),
    email(3, 'colleague@ourco.com', [me], 'Lunch on Friday?', 2.5),
    email(4, 'someone@unknown-vendor.net', [me], 'Cold outreach', 3),
  ];
  const { ctx } = await gatherContext(server.deps, user, messages);
  ctx.connectedAt = '2020-01-01T00:00:00Z';
  const decisions = messages.map((m) => decideAutoshare(m, ctx));
  const saves = messages.flatMap((m, i) => {
    const d = decisions[i]!;
    if (d.action !== 'save') return [];
    const content = shareContent(m, d.content);
    return [
      {
        messageId: m.internetMessageId,
        subject: content.subject,
        body: content.body,
        date: m.sentAt,
        ownerId: user.crmUserId,
        who: d.who,
        ...(d.what ? { what: d.what } : {}),
        mode: 'automatic' as const,
      },
    ];
  });
  await server.deps.crm.saveActivities(saves);
  await recordDecisions(
    server.deps.db,
    messages.map((message, i) => ({
      userId: user.id,
      message,
      direction: message.folder === 'sent' ? ('outbound' as const) : ('inbound' as const),
      decision: decisions[i]!,
      decidedAt: new Date(Date.parse(message.sentAt) + 60_000),
    })),
  );
  return {
    saved: messages.filter((_, i) => decisions[i]!.action === 'save').map((m) => m.subject),
    skipped: messages.filter((_, i) => decisions[i]!.action === 'skip').map((m) => m.subject),
  };
}
