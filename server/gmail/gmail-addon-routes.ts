import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  FLOWS,
  runFlow,
  type FlowName,
  type Outcome,
  type Step,
  type StepResults,
} from '../../gmail-addon/card-model';
import { responseJson } from '../../gmail-addon/render/http-json';
import type { MailMessage } from '../../src';
import { googleOpenEventSchema, type GoogleOpenEvent } from '../../src/api/google-meeting-api';
import { createRecordSchema } from '../../src/api/sidebar-api';
import { contactDetailsRequestSchema } from '../../src/api/contact-details-api';
import { readContactDetails } from '../services/contact-details-service';
import { callerOf } from '../app/access-control';
import { HttpError, notFound } from '../app/http-error';
import { draftMessage } from '../../gmail-addon/card-model/draft-message';
import { noThreadFailure } from '../../gmail-addon/card-model/notices';
import { unsubscribeThread } from '../db/subscriptions-repo';
import { userOfIdentity } from '../app/token-user';
import { createPick } from '../services/save-when-sent-service';
import type { RouteContext } from '../api/route-context';
import { addToUserBlacklist } from '../services/blacklist-service';
import { createRecord } from '../services/create-record-service';
import { addLinksToSaved } from '../services/add-links-service';
import { saveManually } from '../services/save-service';
import { sidebarView } from '../services/sidebar-service';
import { openGoogleEvent } from '../services/google-meeting-service';
import { meetingView } from '../services/meeting-sidebar-service';
import { saveMeetingManually } from '../services/save-meeting-service';
import type { GmailAddonSettings } from './addon-settings';
import { providerNamed } from '../providers/registry';
import { AddonRequestVerifier } from './verify-addon-request';

// The Gmail add-on on the Workspace add-ons HTTP runtime: the same card model as appsscript/Code.js, as JSON.
// These routes are `public` to the bearer-token hook because their bearer is Google's service account, not a
// user; each is verified here instead (verify-addon-request.ts) before its body is even validated.

const eventSchema = z.object({
  commonEventObject: z
    .object({
      parameters: z.record(z.string(), z.string()).optional(),
      formInputs: z
        .record(
          z.string(),
          z.object({ stringInputs: z.object({ value: z.array(z.string()).optional() }).optional() }),
        )
        .optional(),
    })
    .optional(),
  // An open message; or, in the compose trigger, the draft's thread (a reply) and its recipients (METADATA).
  gmail: z
    .object({
      messageId: z.string().optional(),
      accessToken: z.string().optional(),
      threadId: z.string().max(512).optional(),
      toRecipients: z.array(z.string().max(1000)).max(500).optional(),
      ccRecipients: z.array(z.string().max(1000)).max(500).optional(),
      bccRecipients: z.array(z.string().max(1000)).max(500).optional(),
    })
    .optional(),
  // Google Calendar's open event (eventOpenTrigger): named by its id, read by the server (google-meeting-service).
  calendar: googleOpenEventSchema.partial().optional(),
  authorizationEventObject: z
    .object({ userIdToken: z.string().optional(), userOAuthToken: z.string().optional() })
    .optional(),
});
type AddonEvent = z.infer<typeof eventSchema>;
type User = ReturnType<typeof callerOf>['user'];

/** Each trigger's and action's endpoint under /gmail/. */
export const FLOW_PATHS: Record<FlowName, string> = {
  homepage: 'homepage',
  message: 'message',
  event: 'event',
  refresh: 'refresh',
  save: 'save',
  addLinks: 'add-links',
  openCreateForm: 'create-form',
  createRecord: 'create-record',
  doNotSync: 'do-not-sync',
  showTrace: 'trace',
  saveMeeting: 'save-meeting',
  compose: 'compose',
  searchCrm: 'search',
  autosaveOff: 'autosave-off',
  saveWhenSent: 'save-when-sent',
};

async function outcome<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { ok: false, failure: { status: error.statusCode, error: error.code, message: error.message } };
  }
}

/** A step's request checked as its route checks it (the Apps Script add-on calls those routes), then run. */
async function checked<S extends z.ZodTypeAny, T>(
  schema: S,
  request: unknown,
  run: (value: z.output<S>) => Promise<T>,
): Promise<Outcome<T>> {
  const parsed = schema.safeParse(request);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => i.message).join('; ');
    return { ok: false, failure: { status: 400, error: 'invalid_request', message } };
  }
  return outcome(() => run(parsed.data as z.output<S>));
}

export function gmailAddonRoutes({ app, deps }: RouteContext): void {
  let verifier: { settings: GmailAddonSettings; verifier: AddonRequestVerifier } | undefined;
  const settingsOf = (): GmailAddonSettings => {
    const settings = deps.config.gmailAddon;
    if (!settings)
      throw new HttpError(
        404,
        'gmail_addon_off',
        'The Gmail add-on endpoints are off: set LIAISON_GMAIL_ADDON_SERVICE_ACCOUNT and LIAISON_GMAIL_ADDON_CLIENT_ID.',
      );
    return settings;
  };
  const endpoint = (path: string) => `${deps.config.publicUrl}/gmail/${path}`;

  /** Before validation: both Google tokens, then the Liaison user they name. */
  const verify = (path: string) => async (request: FastifyRequest) => {
    const settings = settingsOf();
    if (verifier?.settings !== settings)
      verifier = { settings, verifier: new AddonRequestVerifier(settings) };
    const body = request.body as { authorizationEventObject?: { userIdToken?: unknown } } | undefined;
    const identity = await verifier.verifier.verify(
      request.headers.authorization,
      endpoint(path),
      body?.authorizationEventObject?.userIdToken,
    );
    request.caller = { user: await userOfIdentity(deps.db, identity, deps.userCache), via: 'bearer' };
  };

  const perform =
    (user: User, event: AddonEvent) =>
    async (step: Step): Promise<StepResults[Step['op']]> => {
      switch (step.op) {
        case 'view': {
          // Google Calendar (an event open) or Gmail: one card model, from the core's view of what is open.
          if (event.calendar) {
            const meeting = await outcome(async () => {
              const { event: opened, sourceId } = await openGoogleEvent(deps, user, openedEvent(event));
              return meetingView(deps, user, { event: opened, sourceId });
            });
            return meeting.ok
              ? { ok: true, value: { item: 'meeting', view: meeting.value } }
              : { ok: false, failure: { ...meeting.failure, item: 'meeting' } };
          }
          const email = await outcome(async () => sidebarView(deps, user, await open(event, false)));
          return email.ok ? { ok: true, value: { item: 'email', view: email.value } } : email;
        }
        case 'saveMeeting':
          return outcome(async () => {
            const { event: opened, sourceId } = await openGoogleEvent(deps, user, openedEvent(event));
            const { who, what } = step.choices;
            return saveMeetingManually(deps, user, {
              event: opened,
              sourceId,
              who,
              ...(what ? { what } : {}),
            });
          });
        case 'save': {
          const { who, what, level, autosaveThread } = step.choices;
          return outcome(async () =>
            saveManually(deps, user, {
              message: await open(event, true),
              who,
              autosaveThread: autosaveThread ?? false,
              ...(what ? { what } : {}),
              ...(level ? { level } : {}),
            }),
          );
        }
        case 'addLinks': {
          const { who, what, autosaveThread } = step.choices;
          return outcome(async () =>
            addLinksToSaved(deps, user, {
              message: await open(event, false),
              who: who ?? [],
              autosaveThread: autosaveThread ?? false,
              ...(what ? { what } : {}),
            }),
          );
        }
        case 'createRecord':
          return checked(createRecordSchema, step.request, (request) => createRecord(deps, user, request));
        case 'contactDetails':
          return checked(contactDetailsRequestSchema, step.request, (request) =>
            readContactDetails(deps, user, request),
          );
        case 'doNotSync':
          return outcome(() => addToUserBlacklist(deps, user, step.address));
        case 'draft': {
          const { threadId, toRecipients, ccRecipients, bccRecipients } = event.gmail ?? {};
          if (!threadId) return { ok: true, value: {} };
          const message = draftMessage(
            { threadId, from: user.addresses[0] ?? '', toRecipients, ccRecipients, bccRecipients },
            new Date(),
          );
          return outcome(async () => ({ threadId, view: await sidebarView(deps, user, message) }));
        }
        case 'search':
          // The same bounds as GET /api/records/search, which the Apps Script add-on calls.
          if (step.query.trim().length < 2 || step.query.length > 200)
            return {
              ok: false,
              failure: { status: 400, error: 'invalid_request', message: 'type 2 to 200 characters' },
            };
          return outcome(async () => ({ hits: await deps.crm.search(step.query.trim(), { limit: 25 }) }));
        case 'autosaveOff':
          return outcome(async () => {
            if (!(await unsubscribeThread(deps.db, user.id, step.threadId)))
              throw notFound('That thread subscription');
            return {};
          });
        case 'saveWhenSent': {
          // The same pick as POST /api/save/when-sent, named by the reply's thread (Gmail sets no header).
          const threadId = event.gmail?.threadId;
          if (!threadId) return noThreadFailure(400);
          const { who, what, level, autosaveThread } = step.choices;
          return outcome(() =>
            createPick(deps, user, {
              who,
              autosaveThread: autosaveThread ?? false,
              threadId,
              ...(what ? { what } : {}),
              ...(level ? { level } : {}),
            }),
          );
        }
      }
    };

  const openedEvent = (event: AddonEvent): GoogleOpenEvent => {
    const { id, calendarId, recurringEventId } = event.calendar ?? {};
    if (!id) throw new HttpError(400, 'no_open_event', 'This needs an open Calendar event (calendar.id).');
    return { id, ...(calendarId ? { calendarId } : {}), ...(recurringEventId ? { recurringEventId } : {}) };
  };

  const open = (event: AddonEvent, withContent: boolean): Promise<MailMessage> => {
    const messageId = event.gmail?.messageId;
    const accessToken = event.gmail?.accessToken;
    const userOAuthToken = event.authorizationEventObject?.userOAuthToken;
    if (!messageId || !accessToken || !userOAuthToken)
      throw new HttpError(
        400,
        'no_open_email',
        'This needs an open email (gmail.messageId and its access token).',
      );
    // Read with the add-on's own tokens, by the same code as Google's mailboxes (providers/google/).
    const google = providerNamed('google');
    if (!google.readOpenMessage) throw new Error('The Google provider reads no open email');
    return google.readOpenMessage({
      apiUrl: settingsOf().gmailApiUrl,
      messageId,
      accessToken,
      userOAuthToken,
      withContent,
    });
  };

  for (const [name, path] of Object.entries(FLOW_PATHS) as [FlowName, string][])
    app.post(`/gmail/${path}`, {
      config: { access: 'public' },
      preValidation: verify(path),
      schema: { body: eventSchema },
      handler: async (request) => {
        const { user } = callerOf(request);
        const response = await runFlow(
          FLOWS[name](request.body.commonEventObject),
          perform(user, request.body),
        );
        return responseJson(response, (action) => endpoint(FLOW_PATHS[action]));
      },
    });
}
