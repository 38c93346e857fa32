// Salesforce's value forms turned into Liaison's: `2024-05-01T09:30:00.000+0000` → ISO 8601 UTC, and
// loosely typed JSON fields read safely.

export type SfRow = Record<string, unknown>;

/** A text field, or undefined when empty or not text. */
export function text(row: SfRow | undefined, field: string): string | undefined {
  const v = row?.[field];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A parent record in a row (`Owner`, `Task`), or undefined. */
export function parent(row: SfRow | undefined, relationship: string): SfRow | undefined {
  const v = row?.[relationship];
  return v && typeof v === 'object' ? (v as SfRow) : undefined;
}

/** Salesforce date-times (`+0000` offsets) and dates as ISO 8601 UTC; '' when absent or unreadable. */
export function isoDate(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const ms = Date.parse(
    /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'),
  );
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}

export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
