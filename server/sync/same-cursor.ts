// Cursors are compared by value: an idle read gives back the cursor it was given.
import type { MailCursor } from '../providers/mail-source';

/** jsonb stores object keys in its own order, so compare with sorted keys. */
export function sameCursor(a: MailCursor | null, b: MailCursor): boolean {
  return stable(a) === stable(b);
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
        )
      : v,
  );
}
