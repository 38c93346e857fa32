import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
// The rule modules themselves, not the core's index: `liaison explain` is one short run and loads only what it uses.
import { boundContactCreation } from '../../src/rules/contact-creation-bound';
import { decideAutoshare } from '../../src/rules/decide-autoshare';
import { decideEventAutoshare } from '../../src/events/decide-event';
import { DEFAULT_HORIZON_DAYS } from '../../src/events/event-index';
import type { AutoshareContext, AutoshareDecision, Folder } from '../../src/types';
import { maxContactsPerEmail } from '../config';
import { emlToMessage } from '../providers/eml-to-message';
import { readContextFile, readEventContextFile } from './context-file';
import { readIcs } from '../providers/ics-read';

// `liaison explain <file.eml> --context <ctx.json>`: try the rulebook on a real email, offline (the logged decision,
// `--message-id`, is explain-logged-command.ts).

const FOLDERS: readonly Folder[] = [
  'inbox',
  'sent',
  'archive',
  'drafts',
  'junk',
  'deleted',
  'outbox',
  'other',
];

export function formatDecision(
  decision: Omit<AutoshareDecision, 'reason' | 'action'> & {
    action: string;
    reason: string;
    invitees?: string[];
  },
): string {
  const refs = (list: { kind: string; id: string }[]): string =>
    list.map((r) => `${r.kind} ${r.id}`).join(', ') || '(none)';
  const lines = [
    `Decision: ${decision.action} (${decision.reason})`,
    `Link to:  ${refs(decision.who)}`,
    `Related:  ${decision.what ? `${decision.what.kind} ${decision.what.id}` : '(none)'}`,
    `Create:   ${decision.create.map((c) => `contact ${c.address} under account ${c.accountId}`).join(', ') || '(none)'}`,
    ...(decision.invitees ? [`Invite:   ${decision.invitees.join(', ') || '(none)'}`] : []),
    `Content:  ${decision.content}`,
    'Why:',
    ...decision.trace.map((sentence, i) => `  ${i + 1}. ${sentence}`),
  ];
  return `${lines.join('\n')}\n`;
}

export async function explainCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      context: { type: 'string', short: 'c' },
      folder: { type: 'string' },
      json: { type: 'boolean' },
      now: { type: 'string' },
      horizon: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || !values.context) {
    process.stderr.write(
      'Usage: liaison explain <file.eml> --context <ctx.json> [--folder inbox] [--json]\n' +
        '       liaison explain <invitation.ics> --context <ctx.json> [--now <ISO time>] [--horizon <days>] [--json]\n',
    );
    return 2;
  }
  if (file.toLowerCase().endsWith('.ics')) return explainInvitation(file, values);
  const folder = (values.folder ?? 'inbox') as Folder;
  if (!FOLDERS.includes(folder)) {
    process.stderr.write(`liaison explain: --folder must be one of ${FOLDERS.join(', ')}\n`);
    return 2;
  }
  const ctx: AutoshareContext = await readContextFile(values.context);
  const message = await emlToMessage(await readFile(file), folder);
  // As the sync decides: the rulebook, then the bound on contacts created (LIAISON_MAX_CONTACTS_CREATED_PER_EMAIL).
  const decision = boundContactCreation(decideAutoshare(message, ctx), message, ctx, maxContactsPerEmail());
  process.stdout.write(values.json ? `${JSON.stringify(decision, null, 2)}\n` : formatDecision(decision));
  return 0;
}

/**
 * An invitation file: each event in it (a series' occurrences within the horizon) decided as the calendar sync
 * decides it. The context file may also carry `savedEvents` and `crmUsers` (event-rules.md section 1); `--now`
 * (default: this moment) and `--horizon` (default 30 days) are the clock and horizon the core is given.
 */
async function explainInvitation(
  file: string,
  values: { context?: string; now?: string; horizon?: string; json?: boolean },
): Promise<number> {
  const now = values.now ?? new Date().toISOString();
  const horizonDays = values.horizon === undefined ? DEFAULT_HORIZON_DAYS : Number(values.horizon);
  if (Number.isNaN(Date.parse(now)) || !Number.isFinite(horizonDays) || horizonDays < 0) {
    process.stderr.write('liaison explain: --now must be an ISO 8601 time and --horizon a number of days\n');
    return 2;
  }
  const ctx = await readEventContextFile(values.context!, { now, horizonDays });
  const window = {
    startMs: Date.parse(ctx.connectedAt) || 0,
    endMs: Date.parse(now) + horizonDays * 24 * 60 * 60 * 1000,
  };
  const read = readIcs(await readFile(file, 'utf8'), window);
  if (read.events.length === 0) {
    process.stderr.write(
      `liaison explain: ${file} holds no event to decide (${read.skipped.join('; ') || 'not an invitation'})\n`,
    );
    return 1;
  }
  const decided = read.events.map((event) => ({ event, decision: decideEventAutoshare(event, ctx) }));
  if (values.json)
    process.stdout.write(
      `${JSON.stringify(
        decided.map((d) => d.decision),
        null,
        2,
      )}\n`,
    );
  else
    process.stdout.write(
      decided
        .map(
          ({ event, decision }) =>
            `Event:    ${event.subject} (${event.start})\nKey:      ${decision.key}\n${formatDecision(decision)}`,
        )
        .join('\n'),
    );
  return 0;
}
