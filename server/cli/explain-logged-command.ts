import { parseArgs } from 'node:util';
import { latestDecision, type DecisionLogEntry } from '../db/decision-log-repo';
import { findUserByAddress } from '../db/users-repo';
import { usageError, type CommandContext } from './cli-database';
import { formatDecision } from './explain-command';

// `liaison explain --message-id <id> --user <address>`: what autosharing decided about one of a
// user's emails and why, from the decision log (the envelope only: the server keeps no bodies).

const USAGE = `Usage: liaison explain --message-id <id> --user <address> [--json]
   or: liaison explain <file.eml> --context <ctx.json> [--folder inbox] [--json]
`;

export function formatLogEntry(entry: DecisionLogEntry): string {
  const lines = [
    `Message:  ${entry.messageId}`,
    `Subject:  ${
      entry.subject !== ''
        ? entry.subject
        : entry.decision.reason === 'blacklisted'
          ? '(not kept: the email was skipped for Do Not Sync)'
          : '(none)'
    }`,
    `From:     ${entry.from}`,
    `To:       ${entry.to.join(', ') || '(none)'}`,
    ...(entry.cc.length > 0 ? [`Cc:       ${entry.cc.join(', ')}`] : []),
    `Sent:     ${entry.sentAt}`,
    `Folder:   ${entry.folder} (${entry.direction})`,
    `Decided:  ${entry.decidedAt}`,
  ];
  return `${lines.join('\n')}\n${formatDecision(entry.decision)}`;
}

export async function explainLoggedCommand(args: string[], ctx: CommandContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { 'message-id': { type: 'string' }, user: { type: 'string' }, json: { type: 'boolean' } },
    });
  } catch (error) {
    return usageError(ctx.io, error instanceof Error ? error.message : String(error), USAGE);
  }
  const { values } = parsed;
  const messageId = values['message-id']?.trim();
  const address = values.user?.trim();
  if (!messageId || !address)
    return usageError(ctx.io, 'explain by Message-ID needs --message-id and --user', USAGE);
  return ctx.withDatabase(async ({ db }) => {
    const user = await findUserByAddress(db, address);
    if (!user) {
      ctx.io.err(`liaison: no user has the address ${address} (see: liaison users list)\n`);
      return 1;
    }
    const entry = await latestDecision(db, user.id, messageId);
    if (!entry) {
      ctx.io.err(
        `liaison: no decision is logged for Message-ID ${messageId} in ${user.addresses[0]}'s mailbox ` +
          '(the email has not been looked at by a sync yet)\n',
      );
      return 1;
    }
    ctx.io.out(values.json ? `${JSON.stringify(entry, null, 2)}\n` : formatLogEntry(entry));
    return 0;
  });
}
