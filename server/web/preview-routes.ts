import { z } from 'zod';
import { mailMessageSchema } from '../../src';
import { callerOf } from '../app/access-control';
import type { RouteContext } from '../api/route-context';
import { calendarEventSchema } from '../../src/api/meeting-api';
import { previewEmails } from './preview-emails';
import { previewMeetings } from './preview-meetings';
import { emailAddressSchema } from '../../src/api/core-schemas';
import { errorSchema } from '../../src/api/user-api';
import { sendFromPreview } from '../services/preview-send';

// The preview (`/preview`, built from taskpane/src/preview.tsx) hosts the real pane without Outlook; this route
// gives its stand-in mailbox the signed-in user's emails and meetings.

export const previewEmailsResponseSchema = z.object({ emails: z.array(mailMessageSchema) });
export const previewMeetingsResponseSchema = z.object({
  meetings: z.array(z.object({ sourceId: z.string(), event: calendarEventSchema })),
});

const recipients = z.array(
  emailAddressSchema.extend({ address: z.email('a recipient is not an email address') }),
);
// Only custom `x-` fields, values on one line: what Outlook's internetHeaders may add, nothing that forges the rest.
const headerValue = z
  .string()
  .max(4000)
  .regex(/^[\x20-\x7e]*$/, 'a header value is one line of plain ASCII');
export const previewSendSchema = z.object({
  to: recipients.min(1),
  cc: recipients.default([]),
  subject: z.string().max(2000).default(''),
  body: z.string().max(100_000).default(''),
  headers: z
    .record(z.string(), headerValue)
    .refine(
      (h) => Object.keys(h).every((name) => /^x-[a-z0-9-]{1,60}$/i.test(name)),
      'only x- internet headers can be set',
    )
    .default({}),
});

export function previewRoutes({ app, deps }: RouteContext): void {
  app.get('/api/preview/emails', {
    config: { access: 'user' },
    schema: { response: { 200: previewEmailsResponseSchema } },
    handler: async (request) => ({ emails: await previewEmails(deps, callerOf(request).user.id) }),
  });
  // The stand-in's meetings and appointments (the demo's invitations), as Outlook's calendar would show them.
  app.get('/api/preview/meetings', {
    config: { access: 'user' },
    schema: { response: { 200: previewMeetingsResponseSchema } },
    handler: async (request) => ({ meetings: await previewMeetings(deps, callerOf(request).user.id) }),
  });
  // The compose mode's Send: the sent copy, with the headers the pane set, into the rep's Maildir Sent folder.
  app.post('/api/preview/send', {
    config: { access: 'user' },
    schema: {
      body: previewSendSchema,
      response: { 200: z.object({ messageId: z.string(), folder: z.literal('Sent') }), 409: errorSchema },
    },
    handler: async (request) => sendFromPreview(deps, callerOf(request).user, request.body),
  });
}
