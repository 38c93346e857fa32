// Checks every read row: its shape (zod), ids unique per kind within the file, and references to
// accounts that are in the file (and valid) or already in the CRM. Bad rows become errors with
// their line; good rows go on.
import type { z } from 'zod';
import { issueSentence, valueAt } from '../../../src/api/issue-sentences';
import type { RowError, SourceRow } from './crm-import-read';
import {
  rowSchemas,
  type AccountRow,
  type ContactRow,
  type ImportKind,
  type LeadRow,
  type OpportunityRow,
} from './crm-import-schemas';

export interface Valid<Row> {
  line: number;
  row: Row;
}

export interface ValidRows {
  account: Valid<AccountRow>[];
  contact: Valid<ContactRow>[];
  lead: Valid<LeadRow>[];
  opportunity: Valid<OpportunityRow>[];
}

function describe(
  issue: z.core.$ZodIssue,
  data: Record<string, unknown>,
): { path: PropertyKey[]; message: string; unknown: boolean } {
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  return {
    unknown: issue.code === 'unrecognized_keys',
    path,
    // The same sentences the API answers with: the value given and the field in words, never a schema path.
    message: issueSentence(issue, issue.input ?? valueAt(data, issue.path)).replace(/\.$/, ''),
  };
}

/**
 * Validates the rows; `existingAccounts` answers which of the given account ids are in the CRM
 * already (one query for the whole file).
 */
export async function validateRows(
  rows: SourceRow[],
  existingAccounts: (ids: string[]) => Promise<Set<string>>,
): Promise<{ valid: ValidRows; errors: RowError[] }> {
  const valid: ValidRows = { account: [], contact: [], lead: [], opportunity: [] };
  const errors: RowError[] = [];
  const firstLine = new Map<string, number>();
  const rowId = (row: SourceRow) => (typeof row.data.id === 'string' ? row.data.id.trim() : undefined);

  for (const source of rows) {
    const result = rowSchemas[source.kind].safeParse(source.data);
    if (!result.success) {
      // One error per row, at the line of its first problem; unknown fields first (a typo there
      // is usually why a required field is missing).
      const issues = result.error.issues
        .map((issue) => describe(issue, source.data))
        .sort((x, y) => Number(y.unknown) - Number(x.unknown));
      errors.push({
        line: source.lineOf?.(issues[0]!.path) ?? source.line,
        kind: source.kind,
        ...(rowId(source) ? { id: rowId(source)! } : {}),
        message: issues.map((i) => i.message).join('. '),
      });
      continue;
    }
    const key = `${source.kind}\u0000${result.data.id}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      errors.push({
        line: source.line,
        kind: source.kind,
        id: result.data.id,
        message: `duplicate id: this ${source.kind} is already on line ${earlier}`,
      });
      continue;
    }
    firstLine.set(key, source.line);
    (valid[source.kind] as Valid<unknown>[]).push({ line: source.line, row: result.data });
  }

  // References: accounts named by contacts and opportunities.
  const inFile = new Set(valid.account.map((a) => a.row.id));
  const referenced = [
    ...new Set(
      [...valid.contact.map((c) => c.row.accountId), ...valid.opportunity.map((o) => o.row.accountId)].filter(
        (id): id is string => id !== undefined && !inFile.has(id),
      ),
    ),
  ];
  const inCrm = referenced.length > 0 ? await existingAccounts(referenced) : new Set<string>();
  const known = (id: string | undefined) => id === undefined || inFile.has(id) || inCrm.has(id);
  const keep = <Row extends { id: string; accountId?: string }>(kind: ImportKind, list: Valid<Row>[]) =>
    list.filter((item) => {
      if (known(item.row.accountId)) return true;
      errors.push({
        line: item.line,
        kind,
        id: item.row.id,
        message: `The account '${item.row.accountId}' (accountId) is neither in this file (as a valid row) nor in the CRM`,
      });
      return false;
    });
  valid.contact = keep('contact', valid.contact);
  valid.opportunity = keep('opportunity', valid.opportunity);

  errors.sort((a, b) => a.line - b.line);
  return { valid, errors };
}
