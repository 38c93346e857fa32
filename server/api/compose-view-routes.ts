import { z } from 'zod';
import { emailAddressSchema } from '../../src/api/core-schemas';
import { sidebarViewSchema } from '../../src/api/sidebar-api';
import { callerOf } from '../app/access-control';
import { draftSidebarView } from '../services/compose-view-service';
import type { RouteContext } from './route-context';

// Outlook's compose pane (issue 18): the sidebar of the email being written, from its recipients and subject, asked
// again as the rep types recipients. Nothing is saved here; "Save when sent" is /api/save/when-sent.

const recipients = z.array(emailAddressSchema).max(500, 'at most 500 recipients in one field');

export const draftRequestSchema = z.object({
  to: recipients,
  cc: recipients.default([]),
  bcc: recipients.default([]),
  subject: z.string().max(2000).default(''),
  /** A reply's conversation, when Outlook names one. */
  threadId: z.string().trim().min(1).max(512).optional(),
});

export function composeViewRoutes({ app, deps }: RouteContext): void {
  app.post('/api/sidebar/compose', {
    config: { access: 'user', readsOnly: true, mailContent: true },
    schema: { body: draftRequestSchema, response: { 200: sidebarViewSchema } },
    handler: async (request) => draftSidebarView(deps, callerOf(request).user, request.body),
  });
}
