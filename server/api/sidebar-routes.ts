import { z } from 'zod';
import { errorSchema } from '../../src/api/user-api';
import {
  addLinksRequestSchema,
  createRecordResponseSchema,
  createRecordSchema,
  saveRequestSchema,
  saveResponseSchema,
  searchResponseSchema,
  sidebarRequestSchema,
  sidebarViewSchema,
} from '../../src/api/sidebar-api';
import { callerOf } from '../app/access-control';
import { jsonSerializerOf } from '../app/json-serializer';
import { addLinksToSaved } from '../services/add-links-service';
import { createRecord } from '../services/create-record-service';
import { readContactDetails } from '../services/contact-details-service';
import { contactDetailsRequestSchema, contactDetailsResponseSchema } from '../../src/api/contact-details-api';
import { megabytes, type SidebarView } from '../../src';
import { saveManually } from '../services/save-service';
import { sidebarAnswer } from '../services/sidebar-service';
import type { RouteContext } from './route-context';

// What both sidebars call: the view for the open email, a manual save, creating a contact or lead from a
// suggestion, and record search.

const writeView: (view: SidebarView) => string = jsonSerializerOf(sidebarViewSchema);
const asWritten = (text: unknown) => text as string;

export function sidebarRoutes({ app, deps }: RouteContext): void {
  app.post('/api/sidebar', {
    config: { access: 'user', readsOnly: true, mailContent: true },
    schema: { body: sidebarRequestSchema, response: { 200: sidebarViewSchema } },
    // Every open email asks this: the answer written from its schema (json-serializer.ts), not checked by zod, and
    // the same email asked again answered with the text written last time (sidebar-service.ts).
    handler: async (request, reply) => {
      const text = await sidebarAnswer(deps, callerOf(request).user, request.body.message, writeView);
      // Written already: sent as it is (the route's type knows the view, not its text).
      return reply
        .type('application/json; charset=utf-8')
        .serializer(asWritten)
        .send(text as unknown as SidebarView);
    },
  });

  app.post('/api/save', {
    config: { access: 'user', mailContent: true },
    // At `full` the sidebar sends the attachments' content (base64, a third larger) up to the per-email limit.
    bodyLimit: Math.max(
      deps.config.bodyLimitBytes,
      Math.ceil((megabytes(deps.config.attachmentLimitMb) * 4) / 3) + 1024 * 1024,
    ),
    schema: { body: saveRequestSchema, response: { 200: saveResponseSchema, 409: errorSchema } },
    handler: async (request) => {
      const { message, who, what, level, autosaveThread } = request.body;
      return saveManually(deps, callerOf(request).user, {
        message,
        who,
        autosaveThread,
        ...(what ? { what } : {}),
        ...(level ? { level } : {}),
      });
    },
  });

  // Rulebook section 4: links added to an email saved already, and thread auto-save turned on for it.
  app.post('/api/save/links', {
    config: { access: 'user' },
    schema: {
      body: addLinksRequestSchema,
      response: { 200: saveResponseSchema, 404: errorSchema, 409: errorSchema },
    },
    handler: async (request) => {
      const { message, who, what, autosaveThread } = request.body;
      return addLinksToSaved(deps, callerOf(request).user, {
        message,
        who,
        autosaveThread,
        ...(what ? { what } : {}),
      });
    },
  });

  app.post('/api/records', {
    config: { access: 'user' },
    schema: { body: createRecordSchema, response: { 200: createRecordResponseSchema } },
    handler: async (request) => createRecord(deps, callerOf(request).user, request.body),
  });

  app.post('/api/records/details', {
    config: { access: 'user' },
    schema: { body: contactDetailsRequestSchema, response: { 200: contactDetailsResponseSchema } },
    handler: async (request) => readContactDetails(deps, callerOf(request).user, request.body),
  });

  app.get('/api/records/search', {
    config: { access: 'user' },
    schema: {
      querystring: z.object({ q: z.string().trim().min(2, 'type at least 2 characters').max(200) }),
      response: { 200: searchResponseSchema },
    },
    handler: async (request) => ({ hits: await deps.crm.search(request.query.q, { limit: 25 }) }),
  });
}
