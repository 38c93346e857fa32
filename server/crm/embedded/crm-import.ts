// `crm import`: reads a JSON or CSV file of accounts, contacts, leads and opportunities, checks
// every row, and writes the good ones into the embedded CRM, one transaction per kind (accounts
// first, since the others refer to them). Bad rows are reported by line and never block good rows.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database-types';
import { accountSpec } from './crm-import-accounts';
import { applyKind, type KindSummary } from './crm-import-apply';
import { contactSpec, leadSpec } from './crm-import-people';
import { opportunitySpec } from './crm-import-opportunities';
import { readCsvImport, readJsonImport, type RowError } from './crm-import-read';
import { IMPORT_KINDS, type ImportKind } from './crm-import-schemas';
import { validateRows } from './crm-import-validate';
import { textArray } from './sql-helpers';

export { ImportFileError, parseKind, type RowError } from './crm-import-read';
export { IMPORT_KINDS, type ImportKind } from './crm-import-schemas';

export type ImportFormat = 'json' | 'csv';

export interface ImportOptions {
  format: ImportFormat;
  /** CSV only: the kind of rows whose `kind` cell is empty (or when there is no such column). */
  kind?: ImportKind;
  /** Check everything and count what would change, without writing. */
  dryRun?: boolean;
  now?: Date;
}

export interface ImportSummary {
  dryRun: boolean;
  /** Per kind: inserted, updated, skipped and rejected (`errors`) rows. */
  kinds: Record<ImportKind, KindSummary>;
  /** Rows rejected before any kind could be told (an unknown or empty kind cell): counted under no kind above. */
  rejectedWithoutKind: number;
  /** Every rejected row, by line. */
  errors: RowError[];
}

export async function importCrm(
  db: Kysely<Database>,
  text: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const read =
    options.format === 'json'
      ? readJsonImport(text)
      : readCsvImport(text, options.kind ? { kind: options.kind } : {});
  const { valid, errors } = await validateRows(read.rows, async (ids) => {
    const { rows } = await sql<{ id: string }>`
      select id from crm_accounts where id = any(${textArray(ids)})`.execute(db);
    return new Set(rows.map((r) => r.id));
  });
  const allErrors = [...read.errors, ...errors].sort((a, b) => a.line - b.line);

  const run = { dryRun: options.dryRun ?? false, now: options.now ?? new Date() };
  const counts = {
    account: await applyKind(db, accountSpec, valid.account, run),
    contact: await applyKind(db, contactSpec, valid.contact, run),
    lead: await applyKind(db, leadSpec, valid.lead, run),
    opportunity: await applyKind(db, opportunitySpec, valid.opportunity, run),
  };
  const written = IMPORT_KINDS.reduce((n, k) => n + counts[k].inserted + counts[k].updated, 0);
  // Fresh statistics after a big load, or the planner guesses the first lookups (as bulk-load does).
  if (!run.dryRun && written >= 1000) {
    await sql`analyze crm_accounts, crm_account_domains, crm_contacts, crm_contact_emails, crm_leads, crm_lead_emails, crm_opportunities`.execute(
      db,
    );
  }
  const kinds = Object.fromEntries(
    IMPORT_KINDS.map((kind) => [
      kind,
      { ...counts[kind], errors: allErrors.filter((e) => e.kind === kind).length },
    ]),
  ) as Record<ImportKind, KindSummary>;
  return {
    dryRun: run.dryRun,
    kinds,
    rejectedWithoutKind: allErrors.filter((e) => e.kind === undefined).length,
    errors: allErrors,
  };
}
