/** Salesforce behind Liaison's CrmAdapter (jsforce 3): connect, read in batches, save exactly once. */
export { SalesforceCrmAdapter, type SalesforceAdapterOptions } from './salesforce-adapter';
export type { SalesforceOptions } from './salesforce-options';
export {
  SalesforceClient,
  API_VERSION,
  type SalesforceSession,
  type SalesforceClientOptions,
  type ApiUsage,
  type RetryPolicy,
} from './salesforce-client';
export { SalesforceConsentRevokedError, SalesforceRequestError } from './salesforce-errors';
export { MemoryTokenStore, type TokenStore, type SharedTokens } from './token-refresh';
export {
  SALESFORCE_SCOPES,
  salesforceLoginUrl,
  salesforceAuthorizeUrl,
  exchangeSalesforceCode,
  sealSalesforceGrant,
  openSalesforceSession,
  revokeSalesforceGrant,
  type SalesforceApp,
  type SalesforceLogin,
  type SalesforceGrant,
  type StoredSalesforceConnection,
} from './salesforce-oauth';
export type { SalesforceNewActivity, ActivityEmail } from './activity-records';
export type { LiaisonUserForMapping, UserMapping } from './user-mapping';
export { soqlString, soqlLike, soslTerm } from './soql-literals';
export { salesforceConfigFromEnv, type SalesforceEnvConfig } from './salesforce-env';
