// Liaison's shared core: every face (Outlook task pane, Gmail add-on, dashboard, sync server) asks it what an
// email, or a calendar event, means for the CRM. Pure TypeScript: no I/O, no clock, no randomness.

export type {
  SharingLevel,
  Folder,
  EmailAddress,
  MailMessage,
  RecordRef,
  CrmPerson,
  CrmAccount,
  CrmOpportunity,
  SyncSettings,
  ThreadSubscription,
  AutoshareContext,
  SkipReason,
  AutoshareDecision,
  ActivityContent,
  ActivityFile,
  MailAttachment,
  NotSavedAttachment,
} from './types';

export { decideAutoshare } from './rules/decide-autoshare';
export { boundContactCreation, DEFAULT_MAX_CONTACTS_CREATED_PER_EMAIL } from './rules/contact-creation-bound';
export { shareContent, type ShareOptions } from './content/share-content';
export {
  DEFAULT_ATTACHMENT_LIMIT_MB,
  attachmentsSentence,
  formatBytes,
  formatLimit,
  megabytes,
  planAttachmentFiles,
  type AttachmentPlan,
} from './content/attachment-files';
export { sharingLevelLabel } from './content/sharing-level-labels';

// The calendar half (shared/spec/event-rules.md): when a meeting or an appointment becomes a CRM event.
export type {
  CalendarAttendee,
  CalendarEvent,
  SavedEvent,
  EventContext,
  EventSkipReason,
  EventDecision,
} from './events/event-types';
export { eventKey } from './events/event-key';
export { DEFAULT_HORIZON_DAYS } from './events/event-index';
export { eventFingerprint } from './events/event-fingerprint';
export { decideEventAutoshare } from './events/decide-event';
export { shareEventContent } from './events/event-content';
export { EVENT_SHARING_LEVEL_LABELS, EVENT_SKIP_REASON_LABELS } from './events/event-reason-labels';

export {
  normalizeAddress,
  normalizeDomain,
  normalizeMessageId,
  domainOf,
  localPartOf,
} from './addresses/normalize';
export { isPlainAddrSpec } from './addresses/addr-spec';
export { parseAddressList, formatAddress } from './addresses/parse-address-list';
export { isRoleAddress } from './addresses/role-address';
export { isPersonalAddress, isPersonalDomain } from './addresses/personal-address';
export {
  classifyBlacklistEntry,
  makeBlacklistMatcher,
  parseBlacklistInput,
  isDomainName,
  type BlacklistEntry,
  type BlacklistMatcher,
  type BlacklistInputError,
  type ParsedBlacklistInput,
} from './addresses/blacklist';
export {
  deriveThreadId,
  threadIdOf,
  extractMessageIds,
  knownThreadRoot,
  threadRoot,
} from './threads/derive-thread-id';
export { subscriptionsFor, threadKeysOf, type StoredThreadSubscription } from './threads/match-subscriptions';
export { parseIsoDateTime } from './time/iso-date-time';

export { buildSidebarView } from './sidebar/build-sidebar-view';
export { buildMeetingView } from './sidebar/build-meeting-view';
export { eventAutoshareLine } from './sidebar/event-autoshare-line';
export { manualEventSave, type ManualEventSave } from './sidebar/manual-event-save';
export type {
  MeetingView,
  MeetingRole,
  MeetingAutoshare,
  MeetingExtras,
  SavedMeeting,
} from './sidebar/meeting-types';
export { autoshareLine, SKIP_REASON_LABELS } from './sidebar/autoshare-line';
export { recordKey } from './sidebar/record-key';
export { addLinksChoices, linksAddedText, type AddLinksChoices } from './sidebar/add-links';
export {
  SHARING_LEVEL_LABELS,
  SHARING_LEVELS,
  DEFAULT_SHARING_LEVEL_LABEL,
  isSharingLevel,
} from './sidebar/sharing-level-labels';
export { openItemFolder, type OpenItemFacts } from './sidebar/open-item-folder';
export {
  saveFormDefaults,
  meetingSaveFormDefaults,
  type SaveFormDefaults,
  type SaveFormChoice,
} from './sidebar/save-form-defaults';
export { nameParts, companyFromDomain } from './sidebar/name-parts';
export type {
  SidebarView,
  SidebarExtras,
  SidebarPerson,
  SidebarAccount,
  SidebarOpportunity,
  PickableRecord,
  NewRecordSuggestion,
  RecordDetails,
  RecentActivity,
  SavedEmail,
  AutoshareSummary,
  ParticipantField,
} from './sidebar/sidebar-types';

export {
  mailMessageSchema,
  autoshareContextSchema,
  syncSettingsSchema,
  recordRefSchema,
  sharingLevelSchema,
  folderSchema,
  emailAddressSchema,
  crmPersonSchema,
  describeZodError,
} from './api/core-schemas';
export {
  formatSaveToken,
  ignoredPickSentence,
  parseSaveToken,
  pickLinksAddedSentence,
  pickSaveTrace,
  planSaveWhenSent,
  readSaveMark,
  type MarkFacts,
  type MarkProblem,
  type PickVerdict,
  type PlanInput,
  type SavePick,
} from './compose/save-when-sent';
