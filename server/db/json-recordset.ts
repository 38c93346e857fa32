// Many rows in one statement with ONE parameter: the rows go in as a JSON array unpacked by json_to_recordset.
// A sync batch writes hundreds of rows to a table at once, and binding one text parameter is far cheaper, on PGlite
// and on PostgreSQL, than binding a dozen parameters per row (and has no limit on the number of rows).
import { sql, type RawBuilder } from 'kysely';
import { storableJson } from './storable';

/**
 * `json_to_recordset(<rows>) as <alias>(<columns>)`, for `insert … select … from jsonRecordset(…)`. `columns` is
 * trusted SQL written in the code (`id text, links jsonb`), never data. Every string in the rows is made storable
 * (no NUL, no lone surrogate: PostgreSQL refuses both).
 */
export function jsonRecordset(rows: readonly object[], alias: string, columns: string): RawBuilder<unknown> {
  return sql`json_to_recordset(cast(${storableJson(rows)} as json)) as ${sql.raw(alias)}(${sql.raw(columns)})`;
}
