export * from './card-types';
export { sidebarCard, refValue } from './sidebar-card';
export { meetingCard, meetingTraceCard } from './meeting-card';
export {
  homeCard,
  traceCard,
  createRecordCard,
  messageCard,
  failureText,
  type ApiFailure,
  type CreateFormInput,
} from './other-cards';
export {
  saveChoices,
  meetingChoices,
  filesToRead,
  createFormInput,
  createRecordRequest,
  type CommonEventObject,
} from './form-input';
export { savedNotice, blacklistedNotice, createdNotice, meetingSavedNotice } from './notices';
export { viewResponse, traceResponse, refusedResponse, type Outcome, type OpenView } from './responses';
export { FLOWS, runFlow, runFlowSync, type Flow, type FlowName, type Step, type StepResults } from './flows';
