import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
// The rule modules themselves, not the core's index: `liaison explain` is one short run and loads only what it uses.
import { boundContactCreation } from '../../src/rules/contact-creation-bound';
import { decideAutoshare } from '../../src/rules/decide-autoshare';
import type { AutoshareContext, AutoshareDecision, Folder } from '../../src/types';
import { maxContactsPerEmail } from '../config';
import { emlToMessage } from '../providers/eml-to-message';
import { readContextFile } from './context-file';

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
    },
  });
  const file = positionals[0];
  if (!file || !values.context) {
    process.stderr.write(
      'Usage: liaison explain <file.eml> --context <ctx.json> [--folder inbox] [--json]\n',
    );
    return 2;
  }
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
