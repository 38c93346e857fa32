import type { AddressFacts } from '../rules/address-facts';
import { joinAnd } from '../rules/trace-text';
import type { EventIndex } from './event-index';
import type { EventParticipant } from './event-participants';

// Rule 13: colleagues who use the CRM see the meeting in their CRM calendars too: every participant (the organizer
// included) found among the CRM users by address, other than the user, without the declined or blacklisted ones,
// each CRM user once, in participant order.

const NONE = 'No other colleague who uses the CRM takes part in it.';

export function inviteesRule(
  participants: readonly EventParticipant[],
  facts: readonly AddressFacts[],
  events: EventIndex,
  ownCrmUserId: unknown,
): { invitees: string[]; sentence: string } {
  const invitees: string[] = [];
  if (events.crmUserByAddress.size === 0) return { invitees, sentence: NONE };
  for (let i = 0; i < participants.length; i++) {
    const p = participants[i] as EventParticipant;
    if (p.response === 'declined' || (facts[i] as AddressFacts).blacklisted) continue;
    const id = events.crmUserByAddress.get(p.address);
    if (id === undefined || id === ownCrmUserId || invitees.includes(id)) continue;
    invitees.push(id);
  }
  if (invitees.length === 0) return { invitees, sentence: NONE };
  return {
    invitees,
    sentence: `It also shows in the CRM calendar of ${invitees.length === 1 ? 'your colleague' : 'your colleagues'} ${joinAnd(invitees)}, who ${invitees.length === 1 ? 'takes' : 'take'} part in it.`,
  };
}
