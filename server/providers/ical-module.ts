import type IcalDefault from 'ical.js' with { 'resolution-mode': 'import' };

// ical.js (the iCalendar parser Thunderbird maintains) ships ES modules with a CommonJS build beside them; the server
// is CommonJS, so it is required, and loaded only when a mailbox first reads its invitations.

export type Ical = typeof IcalDefault;
export type IcalComponent = InstanceType<Ical['Component']>;
export type IcalEvent = InstanceType<Ical['Event']>;
export type IcalProperty = InstanceType<Ical['Property']>;
export type IcalTime = InstanceType<Ical['Time']>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ical = (): Ical => require('ical.js') as Ical;
