import { errorSchema } from '../../src/api/user-api';
import {
  meetingRequestSchema,
  meetingViewSchema,
  saveMeetingRequestSchema,
  saveMeetingResponseSchema,
} from '../../src/api/meeting-api';
import { callerOf } from '../app/access-control';
import { meetingView } from '../services/meeting-sidebar-service';
import { saveMeetingManually } from '../services/save-meeting-service';
import type { RouteContext } from './route-context';

// What both sidebars call for an open meeting or appointment (event-rules.md section 6): its view, and Save meeting
// by hand. New records and Do Not Sync for its unknown attendees are the email's routes (/api/records,
// /api/blacklist): an attendee is an address like a sender.

export function meetingRoutes({ app, deps }: RouteContext): void {
  app.post('/api/sidebar/meeting', {
    config: { access: 'user', readsOnly: true, mailContent: true },
    schema: { body: meetingRequestSchema, response: { 200: meetingViewSchema } },
    handler: async (request) => {
      const { event, sourceId } = request.body;
      return meetingView(deps, callerOf(request).user, { event, ...(sourceId ? { sourceId } : {}) });
    },
  });

  app.post('/api/save/meeting', {
    config: { access: 'user', mailContent: true },
    schema: {
      body: saveMeetingRequestSchema,
      response: { 200: saveMeetingResponseSchema, 400: errorSchema, 403: errorSchema, 409: errorSchema },
    },
    handler: async (request) => {
      const { event, sourceId, who, what } = request.body;
      return saveMeetingManually(deps, callerOf(request).user, {
        event,
        who,
        ...(sourceId ? { sourceId } : {}),
        ...(what ? { what } : {}),
      });
    },
  });
}
