import { z } from 'zod';
import { mailMessageSchema } from '../../src';
import { callerOf } from '../app/access-control';
import type { RouteContext } from '../api/route-context';
import { calendarEventSchema } from '../../src/api/meeting-api';
import { previewEmails } from './preview-emails';
import { previewMeetings } from './preview-meetings';

// The preview (`/preview`, built from taskpane/src/preview.tsx) hosts the real pane without Outlook; this route
// gives its stand-in mailbox the signed-in user's emails and meetings.

export const previewEmailsResponseSchema = z.object({ emails: z.array(mailMessageSchema) });
export const previewMeetingsResponseSchema = z.object({
  meetings: z.array(z.object({ sourceId: z.string(), event: calendarEventSchema })),
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
}
