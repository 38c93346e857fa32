import type { RecordRef } from '../../src';
import type { AddLinksRequest, CreateRecordRequest, SaveMeetingRequest, SaveRequest } from '../../src/api';
import { DEFAULT_ATTACHMENT_LIMIT_MB, megabytes } from '../../src/content/attachment-files';
import { isSharingLevel } from '../../src/sidebar/sharing-level-labels';
import { FIELDS, type FormPicks, type FoundRecord } from './card-types';
import type { CreateFormInput } from './other-cards';

// Reading a card's form and button parameters back, from the event object both runtimes send
// (`commonEventObject.formInputs` and `.parameters`), into the server API's requests.

export interface CommonEventObject {
  parameters?: Record<string, string>;
  formInputs?: Record<string, { stringInputs?: { value?: string[] } }>;
}

function values(event: CommonEventObject | undefined, name: string): string[] {
  return event?.formInputs?.[name]?.stringInputs?.value ?? [];
}

function parseRef(value: string): RecordRef | undefined {
  const at = value.indexOf(':');
  const kind = value.slice(0, at);
  const id = value.slice(at + 1);
  if (at < 1 || id === '') return undefined;
  return kind === 'contact' || kind === 'lead' || kind === 'account' || kind === 'opportunity'
    ? { kind, id }
    : undefined;
}

/**
 * At `full` (picked, or the default the save button carries), the bytes of files to read with the message: the
 * server's per-email limit; otherwise none are read.
 */
export function filesToRead(event: CommonEventObject | undefined): { limitBytes: number } | undefined {
  const picked = values(event, FIELDS.level)[0] ?? '';
  const level = isSharingLevel(picked) ? picked : event?.parameters?.defaultLevel;
  if (level !== 'full') return undefined;
  const mb = Number(event?.parameters?.attachmentLimitMb ?? DEFAULT_ATTACHMENT_LIMIT_MB);
  return { limitBytes: megabytes(Number.isFinite(mb) && mb >= 0 ? mb : DEFAULT_ATTACHMENT_LIMIT_MB) };
}

/** The save form's choices; the message itself is added by whoever read it. */
export function saveChoices(event: CommonEventObject | undefined): Omit<SaveRequest, 'message'> {
  const who = values(event, FIELDS.who)
    .map(parseRef)
    .filter((r): r is RecordRef => r !== undefined && (r.kind === 'contact' || r.kind === 'lead'));
  const what = parseRef(values(event, FIELDS.what)[0] ?? '');
  const level = values(event, FIELDS.level)[0] ?? '';
  return {
    who,
    ...(what && (what.kind === 'opportunity' || what.kind === 'account') ? { what } : {}),
    ...(isSharingLevel(level) ? { level } : {}),
    autosaveThread: values(event, FIELDS.autosave)[0] === 'on',
  };
}

/** Save meeting's choices (event-rules.md section 6): the people and the opportunity or account picked. */
export function meetingChoices(
  event: CommonEventObject | undefined,
): Pick<SaveMeetingRequest, 'who' | 'what'> {
  const { who, what } = saveChoices(event);
  return { who, ...(what ? { what } : {}) };
}

/** The "Add links to the saved email" form's choices (rulebook section 4): no level, no content. */
export function addLinksChoicesOf(event: CommonEventObject | undefined): Omit<AddLinksRequest, 'message'> {
  const { who, what, autosaveThread } = saveChoices(event);
  return { who, ...(what ? { what } : {}), autosaveThread: autosaveThread ?? false };
}

/** The create form's prefill, from the suggestion's button parameters. */
export function createFormInput(event: CommonEventObject | undefined): CreateFormInput {
  const p = event?.parameters ?? {};
  return {
    kind: p.kind === 'contact' ? 'contact' : 'lead',
    email: p.email ?? '',
    ...(p.displayName ? { displayName: p.displayName } : {}),
    firstName: p.firstName ?? '',
    lastName: p.lastName ?? '',
    company: p.company ?? '',
    ...(p.accountId ? { accountId: p.accountId } : {}),
  };
}

/** The create request: kind, email and account from the button; names, title, phones and company as typed. */
export function createRecordRequest(event: CommonEventObject | undefined): CreateRecordRequest {
  const p = event?.parameters ?? {};
  const kind = p.kind === 'contact' ? 'contact' : 'lead';
  const typed = (name: string) => (values(event, name)[0] ?? '').trim();
  const company = typed(FIELDS.company);
  const title = typed(FIELDS.title);
  const phone = typed(FIELDS.phone);
  const mobilePhone = typed(FIELDS.mobilePhone);
  return {
    kind,
    email: p.email ?? '',
    firstName: typed(FIELDS.firstName),
    lastName: typed(FIELDS.lastName),
    ...(title ? { title } : {}),
    ...(phone ? { phone } : {}),
    ...(mobilePhone ? { mobilePhone } : {}),
    ...(kind === 'lead' && company ? { company } : {}),
    ...(kind === 'contact' && p.accountId ? { accountId: p.accountId } : {}),
  };
}

/** At most this many found records ride on a card's buttons (a search answers 25 at most). */
export const FOUND_KEPT = 25;

/** The found records a card carries in its parameters; anything malformed is dropped, never trusted. */
export function foundOf(event: CommonEventObject | undefined): FoundRecord[] {
  let raw: unknown;
  try {
    raw = JSON.parse(event?.parameters?.found ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: FoundRecord[] = [];
  for (const item of raw.slice(0, FOUND_KEPT)) {
    const r = item as { ref?: unknown; name?: unknown; subtitle?: unknown; url?: unknown };
    const ref = typeof r.ref === 'string' ? parseRef(r.ref) : undefined;
    if (!ref || typeof r.name !== 'string') continue;
    out.push({
      ref,
      name: r.name,
      ...(typeof r.subtitle === 'string' ? { subtitle: r.subtitle } : {}),
      // Only web pages open from a card.
      ...(typeof r.url === 'string' && /^https?:\/\//.test(r.url) ? { url: r.url } : {}),
    });
  }
  return out;
}

/** The found records as a button parameter (refs as `kind:id`, to keep the card small). */
export function foundParameter(found: FoundRecord[]): string {
  return JSON.stringify(
    found.slice(0, FOUND_KEPT).map((f) => ({
      ref: `${f.ref.kind}:${f.ref.id}`,
      name: f.name,
      ...(f.subtitle ? { subtitle: f.subtitle } : {}),
      ...(f.url ? { url: f.url } : {}),
    })),
  );
}

/** The save form as the rep left it: picks, the search text and the records found so far. */
export function formPicks(event: CommonEventObject | undefined): FormPicks {
  return {
    who: values(event, FIELDS.who),
    what: values(event, FIELDS.what)[0] ?? '',
    level: values(event, FIELDS.level)[0] ?? '',
    autosave: values(event, FIELDS.autosave)[0] === 'on',
    query: (values(event, FIELDS.query)[0] ?? '').trim(),
    found: foundOf(event),
  };
}
