import { googleMeetingRequestSchema, saveGoogleMeetingRequestSchema } from '../../src/api/google-meeting-api';
import { meetingViewSchema, saveMeetingResponseSchema } from '../../src/api/meeting-api';
import { errorSchema } from '../../src/api/user-api';
import { callerOf } from '../app/access-control';
import { openGoogleEvent } from '../services/google-meeting-service';
import { meetingView } from '../services/meeting-sidebar-service';
import { saveMeetingManually } from '../services/save-meeting-service';
import type { RouteContext } from './route-context';

// The meeting routes for the Google Calendar add-on on Apps Script (event-rules.md section 6): the same view and Save
// meeting as /api/sidebar/meeting and /api/save/meeting, for an event named by its Google id (read by the server).

export function googleMeetingRoutes({ app, deps }: RouteContext): void {
  app.post('/api/sidebar/meeting/google', {
    config: { access: 'user', readsOnly: true },
    schema: {
      body: googleMeetingRequestSchema,
      response: { 200: meetingViewSchema, 404: errorSchema, 409: errorSchema },
    },
    handler: async (request) => {
      const { user } = callerOf(request);
      const { event, sourceId } = await openGoogleEvent(deps, user, request.body.calendar);
      return meetingView(deps, user, { event, sourceId });
    },
  });

  app.post('/api/save/meeting/google', {
    config: { access: 'user' },
    schema: {
      body: saveGoogleMeetingRequestSchema,
      response: {
        200: saveMeetingResponseSchema,
        400: errorSchema,
        403: errorSchema,
        404: errorSchema,
        409: errorSchema,
      },
    },
    handler: async (request) => {
      const { user } = callerOf(request);
      const { calendar, who, what } = request.body;
      const { event, sourceId } = await openGoogleEvent(deps, user, calendar);
      return saveMeetingManually(deps, user, { event, sourceId, who, ...(what ? { what } : {}) });
    },
  });
}
