import type IcalDefault from 'ical.js' with { 'resolution-mode': 'import' };
import { icalJs } from '../runtime/heavy-modules';

// ical.js (the iCalendar parser Thunderbird maintains), loaded when a mailbox first reads its invitations, and the
// types of the pieces the invitation readers use.

export type Ical = typeof IcalDefault;
export type IcalComponent = InstanceType<Ical['Component']>;
export type IcalEvent = InstanceType<Ical['Event']>;
export type IcalProperty = InstanceType<Ical['Property']>;
export type IcalTime = InstanceType<Ical['Time']>;

export const ical = icalJs;
