import { z } from 'zod';
import { mailMessageSchema } from '../../src';
import { callerOf } from '../app/access-control';
import type { RouteContext } from '../api/route-context';
import { previewEmails } from './preview-emails';

// The preview (`/preview`, built from taskpane/src/preview.tsx) hosts the real pane without Outlook; this route
// gives its stand-in mailbox the signed-in user's emails.

export const previewEmailsResponseSchema = z.object({ emails: z.array(mailMessageSchema) });

export function previewRoutes({ app, deps }: RouteContext): void {
  app.get('/api/preview/emails', {
    config: { access: 'user' },
    schema: { response: { 200: previewEmailsResponseSchema } },
    handler: async (request) => ({ emails: await previewEmails(deps, callerOf(request).user.id) }),
  });
}
