// The server's Salesforce settings from the environment: the connected app and the org's field choices.
import type { SalesforceApp } from './salesforce-oauth';
import type { SalesforceOptions } from './salesforce-options';

/**
 * - SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET: the connected app's consumer key and secret.
 * - SALESFORCE_REDIRECT_URI: its callback URL (default `<LIAISON_PUBLIC_URL>/admin/salesforce/callback`).
 * - SALESFORCE_ALLOWED_LOGIN_URLS: login servers allowed besides Salesforce's own https hosts (comma-separated
 *   origins, e.g. a test emulator on http://127.0.0.1:8080).
 * - SALESFORCE_ACTIVITY_MODE: `task` (default) or `emailMessage` (Enhanced Email).
 * - SALESFORCE_TASK_MESSAGE_ID_FIELD: Task's unique external id for Message-IDs (default `Liaison_Message_Id__c`).
 * - SALESFORCE_TASK_ORIGIN_FIELD: optional Task text field for `manual` / `automatic`.
 * - SALESFORCE_EVENT_KEY_FIELD: Event's unique external id for event keys (default `Liaison_Event_Key__c`).
 * - SALESFORCE_EVENT_STATE_FIELD: Event's text field for the sequence and fingerprint written (default
 *   `Liaison_Event_State__c`). Both are optional on the org: without them Liaison's ledger is what knows.
 * - SALESFORCE_CONTACT_EMAIL_FIELDS, SALESFORCE_LEAD_EMAIL_FIELDS: comma-separated, primary first (default `Email`).
 * - SALESFORCE_ACCOUNT_DOMAIN_FIELD: an account field holding domains; SALESFORCE_ACCOUNT_WEBSITE=off to ignore Website.
 * - SALESFORCE_HIDDEN_FIELDS: optional display fields the integration user cannot read (`Lead.Title,Opportunity.Amount`).
 */
export interface SalesforceEnvConfig {
  /** Undefined when no connected app is configured: Salesforce cannot be connected. */
  app?: SalesforceApp;
  options: SalesforceOptions;
  /** Origins an admin may connect to besides Salesforce's own login hosts (SALESFORCE_ALLOWED_LOGIN_URLS). */
  allowedLoginUrls: string[];
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function salesforceConfigFromEnv(
  env: Record<string, string | undefined>,
  publicUrl: string,
): SalesforceEnvConfig {
  const options: SalesforceOptions = {};
  const mode = env.SALESFORCE_ACTIVITY_MODE;
  if (mode !== undefined && mode !== '') {
    if (mode !== 'task' && mode !== 'emailMessage') {
      throw new Error(`SALESFORCE_ACTIVITY_MODE must be task or emailMessage, got "${mode}"`);
    }
    options.activityMode = mode;
  }
  if (env.SALESFORCE_TASK_MESSAGE_ID_FIELD) options.taskMessageIdField = env.SALESFORCE_TASK_MESSAGE_ID_FIELD;
  if (env.SALESFORCE_TASK_ORIGIN_FIELD) options.taskOriginField = env.SALESFORCE_TASK_ORIGIN_FIELD;
  if (env.SALESFORCE_EVENT_KEY_FIELD) options.eventKeyField = env.SALESFORCE_EVENT_KEY_FIELD;
  if (env.SALESFORCE_EVENT_STATE_FIELD) options.eventStateField = env.SALESFORCE_EVENT_STATE_FIELD;
  if (list(env.SALESFORCE_CONTACT_EMAIL_FIELDS).length)
    options.contactEmailFields = list(env.SALESFORCE_CONTACT_EMAIL_FIELDS);
  if (list(env.SALESFORCE_LEAD_EMAIL_FIELDS).length)
    options.leadEmailFields = list(env.SALESFORCE_LEAD_EMAIL_FIELDS);
  if (env.SALESFORCE_ACCOUNT_DOMAIN_FIELD) options.accountDomainField = env.SALESFORCE_ACCOUNT_DOMAIN_FIELD;
  if (env.SALESFORCE_ACCOUNT_WEBSITE === 'off') options.accountWebsite = false;
  if (list(env.SALESFORCE_HIDDEN_FIELDS).length) options.hiddenFields = list(env.SALESFORCE_HIDDEN_FIELDS);
  const allowedLoginUrls = list(env.SALESFORCE_ALLOWED_LOGIN_URLS).map((value) => {
    try {
      return new URL(value).origin;
    } catch {
      throw new Error(
        `SALESFORCE_ALLOWED_LOGIN_URLS must list web addresses like https://login.example.com, got "${value}"`,
      );
    }
  });
  const config: SalesforceEnvConfig = { options, allowedLoginUrls };
  if (env.SALESFORCE_CLIENT_ID && env.SALESFORCE_CLIENT_SECRET) {
    config.app = {
      clientId: env.SALESFORCE_CLIENT_ID,
      clientSecret: env.SALESFORCE_CLIENT_SECRET,
      redirectUri:
        env.SALESFORCE_REDIRECT_URI || `${publicUrl.replace(/\/+$/, '')}/admin/salesforce/callback`,
    };
  }
  return config;
}
