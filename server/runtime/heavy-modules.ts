import type * as Calendar from '@googleapis/calendar';
import type * as Gmail from '@googleapis/gmail';
import type IcalJs from 'ical.js' with { 'resolution-mode': 'import' };
import type * as Msal from '@azure/msal-node';
import type PgBoss from 'pg-boss';
import type * as GraphClient from '@microsoft/microsoft-graph-client';
import type * as GoogleAuth from 'google-auth-library';
import type * as Imapflow from 'imapflow';
import type * as Jsforce from 'jsforce';
import type * as Mailparser from 'mailparser';

// Client libraries that take a good part of a second to load (jsforce, the Gmail API, imapflow, msal and the Graph
// client, google-auth-library, mailparser) load when a Salesforce org, a mailbox or an email is first used, not at
// every start of `liaison serve`: the routes that may use them are registered long before anyone does; ical.js too,
// when a mailbox's invitations are first read. pg-boss (and node-postgres with it) loads when the sync engine
// starts, which `liaison serve` does once it listens.
/* eslint-disable @typescript-eslint/no-require-imports */
export const jsforce = (): typeof Jsforce => require('jsforce') as typeof Jsforce;
export const gmailApi = (): typeof Gmail => require('@googleapis/gmail') as typeof Gmail;
export const calendarApi = (): typeof Calendar => require('@googleapis/calendar') as typeof Calendar;
export const imapflow = (): typeof Imapflow => require('imapflow') as typeof Imapflow;
export const msalNode = (): typeof Msal => require('@azure/msal-node') as typeof Msal;
export const graphClient = (): typeof GraphClient =>
  require('@microsoft/microsoft-graph-client') as typeof GraphClient;
export const googleAuth = (): typeof GoogleAuth => require('google-auth-library') as typeof GoogleAuth;
export const mailparser = (): typeof Mailparser => require('mailparser') as typeof Mailparser;
/** ical.js ships ES modules with a CommonJS build beside them; the server is CommonJS and requires that one. */
export const icalJs = (): typeof IcalJs => require('ical.js') as typeof IcalJs;
export const pgBoss = (): typeof PgBoss => require('pg-boss') as typeof PgBoss;
