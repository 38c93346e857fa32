// Invitations for the calendar tests: an iCalendar file from its lines, and an email carrying it the way Outlook
// does (a text/calendar alternative beside the text, and optionally the same file attached as invite.ics).

export function ics(method: string | undefined, ...body: string[]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Liaison tests//EN',
    ...(method ? [`METHOD:${method}`] : []),
    ...body,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

export function vevent(...lines: string[]): string[] {
  return ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
}

/** Outlook's zone for Berlin, Paris and Amsterdam, as it writes it into every invitation. */
export const W_EUROPE = [
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

export interface InvitationEmail {
  messageId: string;
  calendar: string | Buffer;
  from?: string;
  to?: string;
  subject?: string;
  date?: Date;
  /** Also attach the file as invite.ics (application/ics), as Outlook does. */
  attach?: boolean;
  /** The calendar part's Content-Type (text/calendar by default). */
  contentType?: string;
}

export function makeInvitationEml(fields: InvitationEmail): string {
  const calendar = Buffer.from(fields.calendar).toString('base64').replace(/.{76}/g, '$&\r\n');
  const type = fields.contentType ?? 'text/calendar; charset=utf-8; method=REQUEST';
  const alternative = [
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'You are invited.',
    '--alt',
    `Content-Type: ${type}`,
    'Content-Transfer-Encoding: base64',
    '',
    calendar,
    '--alt--',
  ];
  const parts = fields.attach
    ? [
        'Content-Type: multipart/mixed; boundary="mix"',
        '',
        '--mix',
        'Content-Type: multipart/alternative; boundary="alt"',
        '',
        ...alternative,
        '--mix',
        'Content-Type: application/ics; name="invite.ics"',
        'Content-Disposition: attachment; filename="invite.ics"',
        'Content-Transfer-Encoding: base64',
        '',
        calendar,
        '--mix--',
      ]
    : ['Content-Type: multipart/alternative; boundary="alt"', '', ...alternative];
  return [
    `Message-ID: <${fields.messageId}>`,
    `From: ${fields.from ?? 'Ann Buyer <ann@customer.example>'}`,
    `To: ${fields.to ?? 'Rep One <rep@liaison.example>'}`,
    `Subject: ${fields.subject ?? 'Invitation'}`,
    `Date: ${(fields.date ?? new Date()).toUTCString()}`,
    'MIME-Version: 1.0',
    ...parts,
    '',
  ].join('\r\n');
}
