import type { CalendarAttendee, EmailAddress } from '../../src';
import type { IcalComponent, IcalProperty } from './ical-module';
import { ICS_LIMITS } from './ics-bounds';

// ORGANIZER and ATTENDEE (RFC 5545 3.8.4.1, 3.8.4.3) as the core's people: `mailto:` addresses, CN as the name,
// CUTYPE=ROOM/RESOURCE as resources, ROLE for required or optional, PARTSTAT for the response.

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `mailto:jane@acme.com` → `jane@acme.com`; anything else as written (the core tells an invalid address). */
function addressOf(property: IcalProperty): string | undefined {
  const value = text(property.getFirstValue());
  return value?.replace(/^mailto:/i, '').trim();
}

function nameOf(property: IcalProperty): string | undefined {
  return text(property.getParameter('cn'));
}

function param(property: IcalProperty, name: string): string {
  const value = property.getParameter(name);
  return typeof value === 'string' ? value.toUpperCase() : '';
}

export function organizerOf(vevent: IcalComponent): EmailAddress | undefined {
  const property = vevent.getFirstProperty('organizer');
  const address = property && addressOf(property);
  if (!property || !address) return undefined;
  const name = nameOf(property);
  return name ? { address, name } : { address };
}

function typeOf(property: IcalProperty): CalendarAttendee['type'] {
  const cutype = param(property, 'cutype');
  if (cutype === 'ROOM' || cutype === 'RESOURCE') return 'resource';
  // NON-PARTICIPANT is copied for information only: the nearest of the core's types is optional.
  const role = param(property, 'role');
  return role === 'OPT-PARTICIPANT' || role === 'NON-PARTICIPANT' ? 'optional' : 'required';
}

function responseOf(property: IcalProperty): CalendarAttendee['response'] {
  switch (param(property, 'partstat')) {
    case 'ACCEPTED':
      return 'accepted';
    case 'TENTATIVE':
      return 'tentative';
    case 'DECLINED':
      return 'declined';
    default:
      return 'none'; // NEEDS-ACTION, DELEGATED, or none given
  }
}

export function attendeesOf(vevent: IcalComponent): CalendarAttendee[] {
  const attendees: CalendarAttendee[] = [];
  for (const property of vevent.getAllProperties('attendee')) {
    if (attendees.length >= ICS_LIMITS.maxAttendees) break;
    const address = addressOf(property);
    if (!address) continue;
    const name = nameOf(property);
    attendees.push({
      address,
      ...(name && { name }),
      type: typeOf(property),
      response: responseOf(property),
    });
  }
  return attendees;
}
