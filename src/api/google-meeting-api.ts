import { z } from 'zod';
import { saveMeetingRequestSchema } from './meeting-api';

// The Google Calendar add-on's meeting routes: the open event as the Calendar event object names it
// (`calendar.id`, `calendar.calendarId`, `calendar.recurringEventId`). That object carries the participants but
// neither the title, the times nor the iCalendar UID, so the server reads the event itself, by this id, from the
// calendar its sync reads; the id is also what the sync remembered the event's key under.

export const googleOpenEventSchema = z.object({
  /** Google Calendar's event id (an occurrence's own id for a recurring event's occurrence). */
  id: z.string().min(1).max(1024),
  /** The calendar it was opened in: the user's address for their primary calendar. */
  calendarId: z.string().max(1024).optional(),
  recurringEventId: z.string().max(1024).optional(),
});
export type GoogleOpenEvent = z.infer<typeof googleOpenEventSchema>;

export const googleMeetingRequestSchema = z.object({ calendar: googleOpenEventSchema });
export type GoogleMeetingRequest = z.input<typeof googleMeetingRequestSchema>;

export const saveGoogleMeetingRequestSchema = saveMeetingRequestSchema
  .pick({ who: true, what: true })
  .extend({ calendar: googleOpenEventSchema });
export type SaveGoogleMeetingRequest = z.input<typeof saveGoogleMeetingRequestSchema>;
