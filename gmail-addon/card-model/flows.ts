import type { RecordRef, SavedEmail, SavedMeeting } from '../../src';
import type {
  AddLinksRequest,
  CreateRecordRequest,
  SaveMeetingRequest,
  SaveRequest,
  SaveWhenSentRequest,
  SaveWhenSentResponse,
} from '../../src/api';
import type { ContactDetailsRequest, ContactDetailsResponse } from '../../src/api/contact-details-api';
import type { DraftOpen } from './compose-card';
import type { AddonResponse, ActionName, FoundRecord } from './card-types';
import {
  addLinksChoicesOf,
  createFormInput,
  meetingChoices,
  createRecordRequest,
  formPicks,
  FOUND_KEPT,
  saveChoices,
  type CommonEventObject,
} from './form-input';
import {
  AUTOSAVE_OFF_NOTICE,
  blacklistedNotice,
  createdNotice,
  foundNotice,
  whenSentNotice,
  linksAddedNotice,
  meetingSavedNotice,
  savedNotice,
} from './notices';
import { createRecordCard, homeCard, type CreateFormInput } from './other-cards';
import { detailsPrefill, fillEmpty } from '../../src/sidebar/details-prefill';
import {
  composeResponse,
  refusedResponse,
  traceResponse,
  viewResponse,
  type OpenView,
  type Outcome,
} from './responses';
import { mergeFound } from './search-section';

// What each trigger and action does, once for both runtimes. A flow is a generator that yields the server calls it
// needs and returns the response; Apps Script runs it synchronously over UrlFetchApp (run-flow in apps-script/),
// the HTTP runtime asynchronously over the server's own services (server/gmail). Neither runtime adds a decision.

/**
 * A call a flow needs; the runtime reads the open item itself (an email, with its content only for `save`; or the
 * Calendar event the trigger names), and `view` answers the core's view of whichever is open.
 */
export type Step =
  | { op: 'view' }
  | { op: 'saveMeeting'; choices: Pick<SaveMeetingRequest, 'who' | 'what'> }
  | { op: 'save'; choices: Omit<SaveRequest, 'message'> }
  | { op: 'addLinks'; choices: Omit<AddLinksRequest, 'message'> }
  | { op: 'createRecord'; request: CreateRecordRequest }
  /** What the sender's latest email says about them (issue 19), for the create form's empty fields. */
  | { op: 'contactDetails'; request: ContactDetailsRequest }
  | { op: 'doNotSync'; address: string }
  /** The draft the compose trigger opened (its thread, and the view of its recipients when it is a reply). */
  | { op: 'draft' }
  | { op: 'search'; query: string }
  | { op: 'autosaveOff'; threadId: string }
  /** The runtime adds the draft's thread (`threadId`), which only it reads. */
  | { op: 'saveWhenSent'; choices: Omit<SaveWhenSentRequest, 'threadId'> };

/** What each step answers. */
export interface StepResults {
  view: Outcome<OpenView>;
  saveMeeting: Outcome<{ saved: SavedMeeting; action: 'save' | 'update' }>;
  save: Outcome<{ saved: SavedEmail; subscribed: boolean; attachments?: string }>;
  addLinks: Outcome<{ saved: SavedEmail; subscribed: boolean }>;
  createRecord: Outcome<{ ref: RecordRef; created: boolean }>;
  contactDetails: Outcome<ContactDetailsResponse>;
  doNotSync: Outcome<unknown>;
  draft: Outcome<DraftOpen>;
  search: Outcome<{ hits: FoundRecord[] }>;
  autosaveOff: Outcome<unknown>;
  saveWhenSent: Outcome<SaveWhenSentResponse>;
}

export type Flow = Generator<Step, AddonResponse, StepResults[Step['op']]>;

// Each `yield` is typed by its step through these helpers (a generator's yields share one result type).
function* view(): Generator<Step, Outcome<OpenView>, StepResults[Step['op']]> {
  return (yield { op: 'view' }) as StepResults['view'];
}
function* draft(): Generator<Step, Outcome<DraftOpen>, StepResults[Step['op']]> {
  return (yield { op: 'draft' }) as StepResults['draft'];
}
function* call<K extends Exclude<Step['op'], 'view' | 'draft'>>(
  step: Extract<Step, { op: K }>,
): Generator<Step, StepResults[K], StepResults[Step['op']]> {
  return (yield step) as StepResults[K];
}

/** The form with its still-empty fields filled from the details, each with its source; a failure is one line. */
function prefilledForm(input: CreateFormInput, details: Outcome<ContactDetailsResponse>): CreateFormInput {
  if (!details.ok)
    return {
      ...input,
      note: `Details could not be read from their emails: ${details.failure.message || `error ${details.failure.status}`}`,
    };
  const prefill = detailsPrefill(details.value, input.kind);
  // Without an account, the suggestion's company is a guess from the domain; the signature's replaces it.
  const { fields, filled } = fillEmpty(input, prefill, input.accountId ? {} : { company: input.company });
  const sources: CreateFormInput['sources'] = {};
  for (const f of filled) sources[f] = prefill.values[f]?.caption;
  return { ...fields, sources, ...(prefill.note ? { note: prefill.note } : {}) };
}

/** A flow that needs no server call. */
// eslint-disable-next-line require-yield -- a flow without a call is still a flow, for one runner per runtime
function* answer(response: AddonResponse): Flow {
  return response;
}

export type FlowName = ActionName | 'homepage' | 'message' | 'event' | 'compose';

export const FLOWS: Record<FlowName, (event: CommonEventObject | undefined) => Flow> = {
  homepage: () => answer({ navigation: 'root', card: homeCard() }),
  *message() {
    return viewResponse(yield* view(), 'root');
  },
  // A Google Calendar event opened: the same view step, answered with the meeting's view by the runtime.
  *event() {
    return viewResponse(yield* view(), 'root');
  },
  *refresh() {
    return viewResponse(yield* view(), 'update');
  },
  *showTrace() {
    return traceResponse(yield* view());
  },
  // The form prefilled by the core's suggestion, then its empty fields by the sender's own latest email (issue 19).
  *openCreateForm(event) {
    const input = createFormInput(event);
    const details = yield* call({
      op: 'contactDetails',
      request: { address: input.email, ...(input.displayName ? { displayName: input.displayName } : {}) },
    });
    return { navigation: 'push', card: createRecordCard(prefilledForm(input, details)) };
  },
  *save(event) {
    const choices = saveChoices(event);
    if (choices.who.length === 0)
      return viewResponse(yield* view(), 'update', 'Pick at least one contact or lead to link.');
    const result = yield* call({ op: 'save', choices });
    if (!result.ok) return refusedResponse(yield* view(), result.failure, 'Not saved');
    return viewResponse(
      yield* view(),
      'update',
      savedNotice(result.value.saved, result.value.subscribed, result.value.attachments),
    );
  },
  // event-rules.md section 6: by hand, linked to the records picked; only "saved and unchanged" is refused.
  *saveMeeting(event) {
    const choices = meetingChoices(event);
    const result = yield* call({ op: 'saveMeeting', choices });
    if (!result.ok) return refusedResponse(yield* view(), result.failure, 'Not saved');
    return viewResponse(yield* view(), 'update', meetingSavedNotice(result.value.saved, result.value.action));
  },
  *addLinks(event) {
    const choices = addLinksChoicesOf(event);
    if ((choices.who ?? []).length === 0 && !choices.what && !choices.autosaveThread)
      return viewResponse(yield* view(), 'update', 'Pick a record to link, or thread auto-save.');
    const result = yield* call({ op: 'addLinks', choices });
    if (!result.ok) return refusedResponse(yield* view(), result.failure, 'Not linked');
    return viewResponse(yield* view(), 'update', linksAddedNotice(choices, result.value.subscribed));
  },
  *createRecord(event) {
    const request = createRecordRequest(event);
    const result = yield* call({ op: 'createRecord', request });
    if (!result.ok)
      return {
        navigation: 'update',
        card: createRecordCard({ ...createFormInput(event), ...request, company: request.company ?? '' }),
        notification: `Not created: ${result.failure.message || `error ${result.failure.status}`}`,
      };
    return viewResponse(
      yield* view(),
      'back',
      createdNotice(request.kind, request.email, result.value.created),
    );
  },
  // Gmail's compose trigger: Save when sent for a reply's thread (src/api/compose-api.ts).
  *compose() {
    return composeResponse(yield* draft(), 'root');
  },
  *saveWhenSent(event) {
    const picks = formPicks(event);
    const { who, what, level, autosaveThread } = saveChoices(event);
    if (who.length === 0)
      return composeResponse(yield* draft(), 'update', 'Pick at least one contact or lead to link.', picks);
    const choices = {
      who,
      autosaveThread: autosaveThread ?? false,
      ...(what ? { what } : {}),
      ...(level ? { level } : {}),
    };
    const result = yield* call({ op: 'saveWhenSent', choices });
    if (!result.ok)
      return composeResponse(
        yield* draft(),
        'update',
        `Not kept: ${result.failure.message || `error ${result.failure.status}`}`,
        picks,
      );
    return composeResponse(yield* draft(), 'update', whenSentNotice(result.value.expiresAt), picks);
  },
  // Search the CRM from a save form (the email's or the reply's), keeping what the rep had picked.
  *searchCrm(event) {
    const picks = formPicks(event);
    let next = picks;
    let notice = 'Type at least 2 characters to search the CRM.';
    if (picks.query.length >= 2) {
      const result = yield* call({ op: 'search', query: picks.query });
      if (!result.ok) notice = `Not searched: ${result.failure.message || `error ${result.failure.status}`}`;
      else {
        next = { ...picks, found: mergeFound(picks, result.value.hits, FOUND_KEPT) };
        notice = foundNotice(picks.query, result.value.hits.length);
      }
    }
    return event?.parameters?.card === 'compose'
      ? composeResponse(yield* draft(), 'update', notice, next)
      : viewResponse(yield* view(), 'update', notice, next);
  },
  // The Outlook pane's "turn off" for a thread subscription, from the email's card.
  *autosaveOff(event) {
    const threadId = event?.parameters?.threadId ?? '';
    const result = yield* call({ op: 'autosaveOff', threadId });
    if (!result.ok) return refusedResponse(yield* view(), result.failure, 'Not turned off');
    return viewResponse(yield* view(), 'update', AUTOSAVE_OFF_NOTICE);
  },
  *doNotSync(event) {
    const address = event?.parameters?.address ?? '';
    const result = yield* call({ op: 'doNotSync', address });
    if (!result.ok) return refusedResponse(yield* view(), result.failure, 'Not added');
    return viewResponse(yield* view(), 'update', blacklistedNotice(address));
  },
};

/** Runs a flow with synchronous calls (Apps Script). */
export function runFlowSync(flow: Flow, perform: (step: Step) => StepResults[Step['op']]): AddonResponse {
  let next = flow.next();
  while (!next.done) next = flow.next(perform(next.value));
  return next.value;
}

/** Runs a flow with asynchronous calls (the server). */
export async function runFlow(
  flow: Flow,
  perform: (step: Step) => Promise<StepResults[Step['op']]>,
): Promise<AddonResponse> {
  let next = flow.next();
  while (!next.done) next = flow.next(await perform(next.value));
  return next.value;
}
