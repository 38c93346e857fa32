// Applies one kind's valid rows: loads the stored records with those ids, merges each row over its
// stored record, and writes only the records that are new or changed, in one transaction. The
// same file imported twice writes nothing the second time.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database-types';
import type { Valid } from './crm-import-validate';

export interface KindSummary {
  inserted: number;
  updated: number;
  /** Rows whose record is already stored exactly so. */
  skipped: number;
  errors: number;
}

/** How one kind is read, merged and written. Records are built with a fixed key order, so equal records stringify alike. */
export interface KindSpec<Row extends { id: string }, Record> {
  load(db: Kysely<Database>, ids: string[]): Promise<Map<string, Record>>;
  merge(row: Row, stored: Record | undefined): Record;
  /** Inserts or updates the records (and replaces their child rows), `now` standing for missing creation times. */
  save(trx: Transaction<Database>, records: Record[], now: Date): Promise<void>;
}

export async function applyKind<Row extends { id: string }, Record>(
  db: Kysely<Database>,
  spec: KindSpec<Row, Record>,
  rows: Valid<Row>[],
  options: { dryRun: boolean; now: Date },
): Promise<Omit<KindSummary, 'errors'>> {
  const summary = { inserted: 0, updated: 0, skipped: 0 };
  if (rows.length === 0) return summary;
  const plan = async (reader: Kysely<Database>) => {
    const stored = await spec.load(
      reader,
      rows.map((r) => r.row.id),
    );
    const changed: Record[] = [];
    for (const { row } of rows) {
      const before = stored.get(row.id);
      const after = spec.merge(row, before);
      if (before === undefined) summary.inserted++;
      else if (JSON.stringify(before) === JSON.stringify(after)) {
        summary.skipped++;
        continue;
      } else summary.updated++;
      changed.push(after);
    }
    return changed;
  };
  if (options.dryRun) {
    await plan(db);
    return summary;
  }
  await db.transaction().execute(async (trx) => {
    const changed = await plan(trx);
    if (changed.length > 0) await spec.save(trx, changed, options.now);
  });
  return summary;
}

export function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
