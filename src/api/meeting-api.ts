import { z } from 'zod';
import type { MeetingView } from '../sidebar/meeting-types';
import { emailAddressSchema, recordRefSchema, sharingLevelSchema } from './core-schemas';
import { personSchema, pickableSchema, suggestionSchema } from './people-schemas';

// The meeting routes' shapes (event-rules.md section 6): the view of an open meeting or appointment and a save by
// hand. The view's schema mirrors `MeetingView`; the type check at the bottom keeps the two from drifting apart.

/** A CalendarEvent as a face reads it; shape only: the rules judge addresses and dates (rule 0). */
export const calendarEventSchema = z.object({
  uid: z.string().max(1000),
  recurrenceId: z.string().max(100).optional(),
  sequence: z.number().int().min(0).max(1_000_000),
  calendar: z.enum(['primary', 'other']),
  organizer: emailAddressSchema,
  attendees: z
    .array(
      z.object({
        address: z.string(),
        name: z.string().optional(),
        type: z.enum(['required', 'optional', 'resource']),
        response: z.enum(['accepted', 'tentative', 'declined', 'none']),
      }),
    )
    .max(1000),
  subject: z.string(),
  start: z.string(),
  end: z.string(),
  allDay: z.boolean(),
  location: z.string().optional(),
  description: z.string().optional(),
  onlineMeetingUrl: z.string().optional(),
  status: z.enum(['confirmed', 'tentative', 'cancelled']),
  sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']),
  updatedAt: z.string(),
});

export const meetingRequestSchema = z.object({
  event: calendarEventSchema,
  /**
   * The provider's own id of the event where the face knows it (Outlook: the item's REST id, which is the Graph
   * event id): the server then takes the event's key from what the calendar sync recorded for it, since Office.js
   * does not give the iCalendar UID.
   */
  sourceId: z.string().max(1000).optional(),
});
export type MeetingRequest = z.input<typeof meetingRequestSchema>;

const roleSchema = z.enum(['organizer', 'required', 'optional']);
export const savedMeetingSchema = z.object({
  crmEventId: z.string(),
  savedAt: z.string(),
  owner: z.string(),
  mode: z.enum(['manual', 'automatic']),
  links: z.array(recordRefSchema),
  cancelled: z.boolean(),
});

export const meetingViewSchema = z.object({
  key: z.string(),
  kind: z.enum(['meeting', 'appointment']),
  subject: z.string(),
  start: z.string(),
  end: z.string(),
  allDay: z.boolean(),
  location: z.string().optional(),
  cancelled: z.boolean(),
  people: z.array(personSchema(roleSchema)),
  suggestions: z.array(suggestionSchema(roleSchema)),
  hiddenBlacklisted: z.number(),
  resources: z.array(z.string()),
  alreadySaved: z.boolean(),
  saved: savedMeetingSchema.optional(),
  manualSave: z.union([
    z.object({ allowed: z.literal(true), action: z.enum(['save', 'update']) }),
    z.object({ allowed: z.literal(false), why: z.string() }),
  ]),
  pickable: z.array(pickableSchema),
  names: z.record(z.string(), z.string()),
  autoshare: z.object({
    decision: z.object({
      action: z.enum(['save', 'update', 'cancel', 'skip']),
      reason: z.string(),
      kind: z.enum(['meeting', 'appointment']),
      key: z.string(),
      who: z.array(recordRefSchema),
      what: recordRefSchema.optional(),
      create: z.array(z.object({ address: z.string(), accountId: z.string() })),
      invitees: z.array(z.string()),
      content: sharingLevelSchema,
      trace: z.array(z.string()),
    }),
    line: z.string(),
    trace: z.array(z.string()),
    willSave: z.boolean(),
  }),
});

export const saveMeetingRequestSchema = meetingRequestSchema.extend({
  who: z
    .array(
      recordRefSchema.refine(
        (r) => r.kind === 'contact' || r.kind === 'lead',
        'only contacts and leads can be the people a meeting is linked to',
      ),
    )
    .max(100),
  what: recordRefSchema
    .refine(
      (r) => r.kind === 'opportunity' || r.kind === 'account',
      'only an opportunity or an account can be the record a meeting is related to',
    )
    .optional(),
});
export type SaveMeetingRequest = z.input<typeof saveMeetingRequestSchema>;
export const saveMeetingResponseSchema = z.object({
  saved: savedMeetingSchema,
  /** `update`: it was saved before and had changed since; the saved CRM event was updated, not saved twice. */
  action: z.enum(['save', 'update']),
});

// Compile-time: the schema's output and the core's MeetingView are the same shape both ways (the decision's
// reason is a string on the wire).
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const meetingShapeMatches: Exact<
  Omit<z.output<typeof meetingViewSchema>, 'autoshare'>,
  Omit<MeetingView, 'autoshare'>
> = true;
void meetingShapeMatches;
