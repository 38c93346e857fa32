import type { AutoshareContext, AutoshareDecision, MailMessage } from '../types';
import { decideAutoshare } from './decide-autoshare';
import { CREATION_OFF_SENTENCE } from './create-contacts-rule';

// A bound on rule 9, applied after the decision (the rulebook's `decideAutoshare` is left as it is): one email may
// create at most a set number of contacts. An email over the bound creates none at all (a mailing to 5,000
// people at a customer's domain is not 5,000 new contacts), and is decided as if creating contacts were off, so
// its links and related record (rule 11) are those of the people already known; with nobody left to link it
// skips as `no_known_participant`. Pure: the same email, context and bound give the same answer.

/** Contacts one email may create unless the organisation sets another bound. */
export const DEFAULT_MAX_CONTACTS_CREATED_PER_EMAIL = 10;

/** The decision with the bound applied: unchanged when it creates at most `max` contacts. */
export function boundContactCreation(
  decision: AutoshareDecision,
  message: MailMessage,
  ctx: AutoshareContext,
  max: number = DEFAULT_MAX_CONTACTS_CREATED_PER_EMAIL,
): AutoshareDecision {
  const limit = Number.isFinite(max) && max >= 0 ? Math.floor(max) : DEFAULT_MAX_CONTACTS_CREATED_PER_EMAIL;
  const wanted = decision.create.length;
  if (decision.action !== 'save' || wanted <= limit) return decision;
  const without = decideAutoshare(message, {
    ...ctx,
    settings: { ...ctx.settings, autoCreateContacts: false },
  });
  const why = boundSentence(wanted, limit);
  // Rule 9's sentence becomes the bound's: creating contacts is on, this email is what stopped it.
  const at = without.trace.indexOf(CREATION_OFF_SENTENCE);
  const trace = [...without.trace];
  if (at >= 0) trace[at] = why;
  else trace.splice(Math.max(0, trace.length - 1), 0, why);
  return { ...without, trace };
}

function boundSentence(wanted: number, limit: number): string {
  const people = `${wanted.toLocaleString('en-US')} people`;
  if (limit === 0)
    return `${people} in this email would each have become a new contact, but no email may create contacts here, so none is created.`;
  const most = limit === 1 ? 'one contact' : `${limit.toLocaleString('en-US')} contacts`;
  return (
    `${people} in this email would each have become a new contact, more than the ${most} one email may create, ` +
    'so no contact is created from it.'
  );
}
