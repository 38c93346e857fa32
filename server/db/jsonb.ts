// JSON values go in as text cast to jsonb: node-postgres would turn a JS array into a PostgreSQL
// array literal and PGlite infers parameter types, so an explicit cast behaves the same on both. Strings in the
// value are made storable first (PostgreSQL's jsonb refuses NUL and lone surrogates).
import { sql, type RawBuilder } from 'kysely';
import { storableJson } from './storable';

export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`cast(${storableJson(value)} as jsonb)`;
}

/** Timestamps come back as Date on both backends; strings are accepted for safety. */
export function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
