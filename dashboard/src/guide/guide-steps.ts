import type { PageId } from '../app/routes';
import type { CrmStatus, MailboxStatus, Organisation, SettingsResponse } from '../api/types';

// The first-run guide's steps, each with whether it is done, read from what the server says now. Pure, so the words
// are tested without a page.

export interface GuideStep {
  id: string;
  title: string;
  /** One line: what is true now, or what the step does. */
  detail: string;
  done: boolean;
  page: PageId;
}

export interface UserFacts {
  mailbox: Pick<MailboxStatus, 'connected' | 'mailbox'>;
  settings: Pick<SettingsResponse, 'ownSettings'>;
  /** A Why? trace was opened on the Activity page (GET /api/guide). */
  whyTried: boolean;
}

export interface AdminFacts {
  organisation: Pick<Organisation, 'autosharingEnabled' | 'usersImport'>;
  crm: Pick<CrmStatus, 'salesforce'>;
}

const people = (n: number) => (n === 1 ? '1 user is' : `${n} users are`);

export function adminSteps({ organisation, crm }: AdminFacts): GuideStep[] {
  const { included } = organisation.usersImport;
  const sf = crm.salesforce;
  return [
    {
      id: 'autosharing',
      title: 'Enable Smart autosharing',
      detail: organisation.autosharingEnabled
        ? 'On for the organisation.'
        : 'Off: Liaison saves nothing on its own until you enable it.',
      done: organisation.autosharingEnabled,
      page: 'admin',
    },
    {
      id: 'users',
      title: 'Pick the users to import',
      detail: included > 0 ? `${people(included)} included in import.` : 'Nobody is included in import yet.',
      done: included > 0,
      page: 'admin/users',
    },
    {
      id: 'crm',
      title: 'Connect the CRM',
      detail: sf.connected
        ? `Connected to ${sf.instanceUrl ?? 'Salesforce'}.`
        : sf.configured
          ? 'Not connected: emails go to the embedded CRM until you connect Salesforce.'
          : 'Not connected: emails go to the embedded CRM; this server is not set up for Salesforce yet.',
      done: sf.connected,
      page: 'admin',
    },
  ];
}

export function userSteps({ mailbox, settings, whyTried }: UserFacts): GuideStep[] {
  return [
    {
      id: 'mailbox',
      title: 'Connect your mailbox',
      detail:
        mailbox.connected && mailbox.mailbox
          ? `Connected: ${mailbox.mailbox.address}.`
          : 'Not connected: Liaison reads only mail that arrives after you connect.',
      done: mailbox.connected,
      page: 'mailbox',
    },
    {
      id: 'settings',
      title: 'Choose what is shared',
      detail: settings.ownSettings
        ? 'You saved settings of your own.'
        : "Your organisation's defaults apply until you save your own.",
      done: settings.ownSettings,
      page: 'settings',
    },
    {
      id: 'why',
      title: 'Try Why? on the Activity page',
      detail: whyTried
        ? 'Done: each row says which rules saved or skipped it.'
        : 'Open Why? on a row to see the rules that saved or skipped it.',
      done: whyTried,
      page: 'activity',
    },
  ];
}
