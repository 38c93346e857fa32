import { indexContext } from '../rules/context-index';
import { decideAutoshare } from '../rules/decide-autoshare';
import { boundContactCreation } from '../rules/contact-creation-bound';
import { collectParticipants } from '../rules/read-message';
import { threadIdOf } from '../threads/derive-thread-id';
import { normalizeMessageId } from '../addresses/normalize';
import type { AutoshareContext, MailMessage, RecordRef } from '../types';
import { autoshareLine } from './autoshare-line';
import { readableTrace } from './readable-trace';
import { recordKey } from './record-key';
import { namesOf, sidebarPeople, traceRefs, unnamedRecord } from './sidebar-people';
import type { SidebarExtras, SidebarView } from './sidebar-types';

// Section 5 of the rulebook, for both sidebars: known people with their account, open opportunities and recent
// activities; blacklisted addresses hidden; "New records" suggestions; saved state; and what autosharing will do.
// The same index and matching as decideAutoshare, so the sidebar and the sync never disagree.

export { unnamedRecord };

function naming(extras: SidebarExtras) {
  return (kind: string, id: string): string => extras.details?.[`${kind}:${id}`]?.name ?? unnamedRecord(kind);
}

export function buildSidebarView(
  message: MailMessage,
  ctx: AutoshareContext,
  extras: SidebarExtras = {},
): SidebarView {
  const index = indexContext(ctx);
  const crmUserId = ctx?.user?.crmUserId;
  // What the sync will do: the rulebook's decision, then the bound on contacts one email creates.
  const decision = boundContactCreation(
    decideAutoshare(message, ctx),
    message,
    ctx,
    extras.maxContactsPerEmail,
  );
  const linked = new Set(decision.who.map(recordKey));
  const name = naming(extras);
  const { participants } = collectParticipants(
    typeof message === 'object' && message !== null ? message : {},
  );

  const { people, suggestions, hiddenBlacklisted, pickable } = sidebarPeople(
    participants,
    index,
    extras,
    linked,
    crmUserId,
  );

  const messageId = normalizeMessageId(message?.internetMessageId);
  const threadId = threadIdOf({
    internetMessageId: messageId,
    threadId: message?.threadId,
    headers: message?.headers,
  });
  const subscription = index.subscriptions.get(threadId);
  return {
    messageId,
    threadId,
    subject: typeof message?.subject === 'string' ? message.subject : '',
    people,
    suggestions,
    hiddenBlacklisted,
    alreadySaved: index.saved.has(messageId),
    ...(extras.saved ? { saved: extras.saved } : {}),
    thread: {
      autosave: subscription !== undefined,
      ...(subscription?.what
        ? { what: subscription.what, whatName: name(subscription.what.kind, subscription.what.id) }
        : {}),
    },
    pickable,
    names: namesOf(
      [
        ...traceRefs(decision, people),
        ...(extras.saved?.links ?? []),
        ...(subscription?.what ? [subscription.what] : []),
        ...decision.create.map((c): RecordRef => ({ kind: 'account', id: c.accountId })),
      ],
      name,
    ),
    autoshare: {
      decision,
      line: autoshareLine(decision, name),
      trace: readableTrace(
        decision,
        [
          ...traceRefs(decision, people),
          ...decision.create.map((c): RecordRef => ({ kind: 'account', id: c.accountId })),
        ],
        name,
      ),
      willSave: decision.action === 'save',
    },
  };
}
