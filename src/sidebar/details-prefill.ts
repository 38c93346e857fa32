import type { ContactDetailsResponse } from '../api/contact-details-api';

// New records' prefill (issue 19), once for the Outlook pane and the Gmail add-on: which create-form fields the
// details read from the sender's emails fill, each with a caption saying where the value came from.

export type PrefillField = 'firstName' | 'lastName' | 'title' | 'company' | 'phone' | 'mobilePhone';

export interface PrefillValue {
  value: string;
  /** "From the name on the email" or "From the signature of “Demo next week”, 3 Mar". */
  caption: string;
}

export interface DetailsPrefill {
  values: Partial<Record<PrefillField, PrefillValue>>;
  /** Why no signature was read, as a quiet line; absent when the organisation does not show such details. */
  note?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Mar", with the year when it is not this year's (UTC, the same on every runtime). */
export function shortDate(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  return date.getUTCFullYear() === now.getUTCFullYear() ? day : `${day} ${date.getUTCFullYear()}`;
}

function signatureCaption(readFrom: ContactDetailsResponse['readFrom'], now: Date): string {
  if (!readFrom) return 'From the signature of their latest email';
  const subject = readFrom.subject.trim() || '(no subject)';
  const when = shortDate(readFrom.sentAt, now);
  return `From the signature of “${subject}”${when ? `, ${when}` : ''}`;
}

/**
 * The fields to fill for a new `kind` record. Contacts take their company from the CRM's account, so only a lead's
 * company is filled. The first number of each kind fills Phone and Mobile.
 */
export function detailsPrefill(
  response: ContactDetailsResponse,
  kind: 'contact' | 'lead',
  now: Date = new Date(),
): DetailsPrefill {
  if (!response.shown) return { values: {} };
  const details = response.details;
  const values: DetailsPrefill['values'] = {};
  const caption = (source: 'display name' | 'signature') =>
    source === 'display name' ? 'From the name on the email' : signatureCaption(response.readFrom, now);
  if (details) {
    for (const field of ['firstName', 'lastName', 'title', 'company'] as const) {
      const found = details[field];
      if (!found || !found.value.trim() || (field === 'company' && kind !== 'lead')) continue;
      values[field] = { value: found.value.trim(), caption: caption(found.source) };
    }
    const phone = details.phones.find((p) => p.kind === 'phone');
    const mobile = details.phones.find((p) => p.kind === 'mobile');
    // Salesforce keeps 40 characters of a phone; a longer display is cut to its E.164 number.
    const text = (p: { display: string; number: string }) => (p.display.length <= 40 ? p.display : p.number);
    if (phone) values.phone = { value: text(phone), caption: caption('signature') };
    if (mobile) values.mobilePhone = { value: text(mobile), caption: caption('signature') };
  }
  return { values, ...(response.note ? { note: response.note } : {}) };
}

/**
 * Fills only the fields still empty; what the rep typed or the CRM's account gave stays. A field still holding a
 * guess (`guessed`: a lead's company made from the address's domain) counts as empty: the email says it better.
 */
export function fillEmpty<F extends Partial<Record<PrefillField, string>>>(
  fields: F,
  prefill: DetailsPrefill,
  guessed: Partial<Record<PrefillField, string>> = {},
): { fields: F; filled: PrefillField[] } {
  const next = { ...fields };
  const filled: PrefillField[] = [];
  for (const [field, found] of Object.entries(prefill.values) as [PrefillField, PrefillValue][]) {
    const current = (next[field] ?? '').trim();
    if (current !== '' && current !== guessed[field]?.trim()) continue;
    (next as Record<PrefillField, string>)[field] = found.value;
    filled.push(field);
  }
  return { fields: next, filled };
}
