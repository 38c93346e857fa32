export { GraphMailSource, type GraphSourceOptions } from './graph-source';
export { GraphCalendarSource, type GraphCalendarSourceOptions } from './graph-calendar-source';
export { graphToCalendarEvent, type GraphEvent } from './graph-event';
export {
  GRAPH_CALENDAR_SCOPES,
  GRAPH_SIGN_IN_SCOPES,
  graphSignInUrl,
  graphTokenProvider,
  redeemGraphCode,
  type GraphAuthConfig,
  type GraphGrant,
  type GraphTokenProvider,
} from './graph-auth';
export { graphToMailMessage } from './graph-message';
export { type GraphPushOptions, type GraphPushRecord, type GraphPushStore } from './graph-push';
export { deleteSubscription, INBOX_MESSAGES_RESOURCE } from './graph-subscriptions';
export { createGraphClient } from './graph-client';
