import type * as Gmail from '@googleapis/gmail';
import type * as Imapflow from 'imapflow';
import type * as Jsforce from 'jsforce';

// Client libraries that take a good part of a second to load (jsforce, the Gmail API, imapflow) load when a
// Salesforce org, a Gmail or an IMAP mailbox is first used, not at every start of `liaison serve`.
/* eslint-disable @typescript-eslint/no-require-imports */
export const jsforce = (): typeof Jsforce => require('jsforce') as typeof Jsforce;
export const gmailApi = (): typeof Gmail => require('@googleapis/gmail') as typeof Gmail;
export const imapflow = (): typeof Imapflow => require('imapflow') as typeof Imapflow;
