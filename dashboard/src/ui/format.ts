// Dates and record references as people read them.

const dateTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTime.format(time);
}

/** "Jane Doe (contact)" when the name is known, else "contact con-jane-doe". */
export function recordLabel(ref: { kind: string; id: string }, names: Record<string, string> = {}): string {
  const name = names[`${ref.kind}:${ref.id}`];
  return name ? `${name} (${ref.kind})` : `${ref.kind} ${ref.id}`;
}

export const SHARING_LEVEL_LABELS: Record<string, string> = {
  metadata: 'metadata only',
  subject: 'subject and metadata',
  full: 'the full email',
};
