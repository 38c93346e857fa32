import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  IMPORT_KINDS,
  ImportFileError,
  importCrm,
  parseKind,
  type ImportFormat,
  type ImportSummary,
} from '../crm/embedded/crm-import';
import { isArgsError, usageError, type CommandContext } from './cli-database';

// `liaison crm import <file>`: accounts, contacts, leads and opportunities into the embedded CRM.

const USAGE = `Usage: liaison crm import <file.json|file.csv> [--format json|csv] [--kind account|contact|lead|opportunity] [--dry-run] [--json]
  Imports records into the embedded CRM; the file format is in examples/import/README.md.
  Rows are matched by id: new ids are inserted, changed records updated, identical ones skipped.
  Bad rows are reported by line and skipped; the good rows are kept. Exit status 1 when any row was rejected.
`;

const PLURAL = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  opportunity: 'opportunities',
} as const;

export function formatSummary(file: string, summary: ImportSummary): string {
  const lines = [
    summary.dryRun
      ? `Dry run of ${file}: nothing was written. This is what the import would do:`
      : `Imported ${file}:`,
  ];
  const verb = summary.dryRun ? ['would insert', 'would update'] : ['inserted', 'updated'];
  for (const kind of IMPORT_KINDS) {
    const k = summary.kinds[kind];
    lines.push(
      `  ${PLURAL[kind].padEnd(14)} ${verb[0]} ${k.inserted}, ${verb[1]} ${k.updated}, skipped ${k.skipped} (unchanged), errors ${k.errors}`,
    );
  }
  if (summary.rejectedWithoutKind > 0)
    lines.push(`  ${'no known kind'.padEnd(14)} errors ${summary.rejectedWithoutKind}`);
  if (summary.errors.length === 0) lines.push('No errors.');
  else {
    lines.push(`${summary.errors.length} row${summary.errors.length === 1 ? '' : 's'} rejected:`);
    for (const e of summary.errors) {
      const what = e.kind ? ` ${e.kind}${e.id ? ` "${e.id}"` : ''}` : '';
      lines.push(`  line ${e.line}${what}: ${e.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function crmCommand(args: string[], ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'import') {
    return usageError(
      ctx.io,
      sub === undefined ? 'crm needs a subcommand' : `unknown crm subcommand "${sub}"`,
      USAGE,
    );
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        kind: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    if (isArgsError(error)) return usageError(ctx.io, error.message, USAGE);
    throw error;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!file || positionals.length > 1) return usageError(ctx.io, 'crm import takes exactly one file', USAGE);

  const extension = path.extname(file).slice(1).toLowerCase();
  const format = (values.format ?? extension).toLowerCase();
  if (format !== 'json' && format !== 'csv') {
    return usageError(
      ctx.io,
      values.format
        ? `--format must be json or csv, not "${values.format}"`
        : `cannot tell the format of "${file}" from its extension: name it .json or .csv, or pass --format`,
      USAGE,
    );
  }
  const kind = values.kind === undefined ? undefined : parseKind(values.kind);
  if (values.kind !== undefined && !kind) {
    return usageError(
      ctx.io,
      `--kind must be account, contact, lead or opportunity, not "${values.kind}"`,
      USAGE,
    );
  }
  if (kind && format !== 'csv') return usageError(ctx.io, '--kind applies to CSV files only', USAGE);

  let text: string;
  try {
    text = await readFile(path.resolve(ctx.cwd, file), 'utf8');
  } catch (error) {
    ctx.io.err(`liaison: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }

  return ctx.withDatabase(async ({ db }) => {
    let summary: ImportSummary;
    try {
      summary = await importCrm(db, text, {
        format: format as ImportFormat,
        ...(kind ? { kind } : {}),
        dryRun: values['dry-run'] ?? false,
      });
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      ctx.io.err(`liaison: ${file}: ${error.message}\n`);
      return 1;
    }
    ctx.io.out(values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(file, summary));
    return summary.errors.length > 0 ? 1 : 0;
  });
}
