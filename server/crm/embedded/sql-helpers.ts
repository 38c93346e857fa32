// Small SQL pieces shared by the embedded CRM's queries. Lists go in as one array parameter
// (`= any($1::text[])`), so a batch of 10,000 addresses is still one parameter and one query.
import { sql, type RawBuilder } from 'kysely';

export function textArray(values: readonly string[]): RawBuilder<string[]> {
  return sql<string[]>`${[...values]}::text[]`;
}

export function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

export function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function fullName(first: string | null | undefined, last: string | null | undefined): string {
  return [first ?? '', last ?? ''].filter((p) => p.trim() !== '').join(' ');
}

/** `%` and `_` typed by a person are literal in a search, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
