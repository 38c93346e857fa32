// The embedded demo's invitations for Dana Admin (admin@ourco.com), over the demo CRM (demo-seed.ts): a customer
// meeting with Jane Doe and John Smith at Acme, a weekly internal pipeline review with colleagues only, an
// appointment Dana booked a room for (in Sent), and an onboarding check-in John sent and then cancelled. Dated in
// the days after delivery, so they fall within the 30-day horizon.
import { randomUUID } from 'node:crypto';

interface DemoInvitation {
  from: string;
  to: string;
  subject: string;
  folder: 'INBOX' | 'Sent';
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  organizer: string;
  attendees: string[];
  /** Days after delivery, and the UTC hour it starts. */
  day: number;
  hour: number;
  minutes: number;
  extra?: string[];
}

const ADMIN = 'Dana Admin <admin@ourco.com>';
const JANE = 'CN=Jane Doe:mailto:jane.doe@acme.com';
const DANA = 'CN=Dana Admin:mailto:admin@ourco.com';

const INVITATIONS: DemoInvitation[] = [
  {
    from: 'Jane Doe <jane.doe@acme.com>',
    to: ADMIN,
    subject: 'Invitation: Acme renewal walkthrough',
    folder: 'INBOX',
    method: 'REQUEST',
    uid: 'acme-renewal-walkthrough',
    sequence: 0,
    organizer: JANE,
    attendees: [
      `ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;${DANA}`,
      'ROLE=OPT-PARTICIPANT;PARTSTAT=ACCEPTED;CN=John Smith:mailto:john.smith@acme.com',
      // Not in the CRM, at a domain of no account: the sidebar offers New records and Do Not Sync for him.
      'ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=Lee Advisor:mailto:lee@northwind-advisors.com',
    ],
    day: 1,
    hour: 15,
    minutes: 60,
    extra: [
      'LOCATION:Microsoft Teams',
      'X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/demo',
    ],
  },
  {
    from: 'Sam Seller <sam@ourco.com>',
    to: ADMIN,
    subject: 'Invitation: Weekly pipeline review',
    folder: 'INBOX',
    method: 'REQUEST',
    uid: 'ourco-pipeline-review',
    sequence: 0,
    organizer: 'CN=Sam Seller:mailto:sam@ourco.com',
    attendees: [`PARTSTAT=ACCEPTED;${DANA}`, 'PARTSTAT=NEEDS-ACTION;CN=Pat Partner:mailto:pat@ourco.com'],
    day: 2,
    hour: 9,
    minutes: 30,
    extra: ['RRULE:FREQ=WEEKLY;COUNT=4'],
  },
  {
    from: ADMIN,
    to: 'Board Room <boardroom@ourco.com>',
    subject: 'Prepare the Globex proposal',
    folder: 'Sent',
    method: 'REQUEST',
    uid: 'dana-globex-proposal',
    sequence: 0,
    organizer: DANA,
    attendees: [
      'CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Board Room:mailto:boardroom@ourco.com',
    ],
    day: 1,
    hour: 9,
    minutes: 90,
    extra: ['LOCATION:Board Room'],
  },
  {
    from: 'John Smith <john.smith@acme.com>',
    to: ADMIN,
    subject: 'Invitation: Acme onboarding check-in',
    folder: 'INBOX',
    method: 'REQUEST',
    uid: 'acme-onboarding-check-in',
    sequence: 0,
    organizer: 'CN=John Smith:mailto:john.smith@acme.com',
    attendees: [`PARTSTAT=NEEDS-ACTION;${DANA}`],
    day: 3,
    hour: 14,
    minutes: 30,
  },
  {
    from: 'John Smith <john.smith@acme.com>',
    to: ADMIN,
    subject: 'Cancelled: Acme onboarding check-in',
    folder: 'INBOX',
    method: 'CANCEL',
    uid: 'acme-onboarding-check-in',
    sequence: 1,
    organizer: 'CN=John Smith:mailto:john.smith@acme.com',
    attendees: [`PARTSTAT=NEEDS-ACTION;${DANA}`],
    day: 3,
    hour: 14,
    minutes: 30,
    extra: ['STATUS:CANCELLED'],
  },
];

/** `20261207T150000Z` */
function icsUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
}

function calendarOf(invitation: DemoInvitation, at: Date): string {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const start = midnight + (invitation.day * 24 + invitation.hour) * 3_600_000;
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Liaison demo//EN',
    `METHOD:${invitation.method}`,
    'BEGIN:VEVENT',
    `UID:${invitation.uid}@demo.ourco.com`,
    `SEQUENCE:${invitation.sequence}`,
    `DTSTAMP:${icsUtc(at.getTime())}`,
    `ORGANIZER;${invitation.organizer}`,
    ...invitation.attendees.map((a) => `ATTENDEE;${a}`),
    `SUMMARY:${invitation.subject.replace(/^(Invitation|Cancelled): /, '')}`,
    `DTSTART:${icsUtc(start)}`,
    `DTEND:${icsUtc(start + invitation.minutes * 60_000)}`,
    ...(invitation.extra ?? []),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/** Dana's name and address replaced by another rep's (the preview's invitations for whoever is signed in). */
function forRep(text: string, rep: { address: string; name: string } | undefined): string {
  if (!rep) return text;
  const name = rep.name.replace(/[\r\n";:<>\\]/g, '');
  return text.replaceAll('Dana Admin', name).replaceAll('admin@ourco.com', rep.address);
}

/**
 * The demo's invitations as RFC 5322 text (a text alternative and a text/calendar one), delivered at `at`; with
 * `rep`, to that rep in place of Dana.
 */
export function demoInvitations(
  at: Date,
  rep?: { address: string; name: string },
): { folder: 'INBOX' | 'Sent'; eml: string }[] {
  return INVITATIONS.map((invitation, i) => {
    const calendar = Buffer.from(forRep(calendarOf(invitation, at), rep))
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n');
    const lines = [
      `Message-ID: <demo-${randomUUID()}@ourco.com>`,
      `From: ${forRep(invitation.from, rep)}`,
      `To: ${forRep(invitation.to, rep)}`,
      `Subject: ${invitation.subject}`,
      `Date: ${new Date(at.getTime() + i * 1000).toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="demo-alternative"',
      '',
      '--demo-alternative',
      'Content-Type: text/plain; charset=utf-8',
      '',
      invitation.subject,
      '--demo-alternative',
      `Content-Type: text/calendar; charset=utf-8; method=${invitation.method}`,
      'Content-Transfer-Encoding: base64',
      '',
      calendar,
      '--demo-alternative--',
      '',
    ];
    return { folder: invitation.folder, eml: lines.join('\r\n') };
  });
}
