import { isPlainAddrSpec, normalizeAddress, type RecordRef } from '../../src';
import type { CreateRecordRequest } from '../../src/api/sidebar-api';
import type { AppDeps } from '../app/app-deps';
import { badRequest, HttpError } from '../app/http-error';
import { requestPendingCheck } from '../db/pending-envelopes-repo';
import type { User } from '../db/users-repo';
import { mailboxChanged } from './mailbox-changed';

// Creating a contact or lead from a sidebar's New records suggestion (both sidebars: /api/records and the Gmail
// add-on's HTTP runtime), owned by the rep in the CRM. Emails skipped in the last 24 hours because nobody in them was
// a contact or lead wait in their mailboxes (the 24-hour window): the mailboxes with one naming this address are run
// at once, so the email the rep has open is saved within seconds rather than at the mailbox's next run.

export async function createRecord(
  deps: Pick<AppDeps, 'crm' | 'db' | 'now' | 'syncNow'>,
  user: User,
  request: CreateRecordRequest & { firstName: string },
): Promise<{ ref: RecordRef; created: boolean }> {
  const { kind, email, firstName, lastName, company, title, phone, mobilePhone, accountId } = request;
  const address = normalizeAddress(email);
  if (!isPlainAddrSpec(address)) throw badRequest(`"${email}" is not a valid email address.`);
  // An account the CRM does not have is the caller's mistake (a stale or typed id), not the CRM failing.
  if (kind === 'contact' && accountId && (await deps.crm.findAccountsByIds([accountId])).length === 0)
    throw new HttpError(
      400,
      'unknown_account',
      `There is no account "${accountId}" in the CRM: choose the account again, or leave it empty. Nothing was created.`,
    );
  const common = {
    email: address,
    firstName,
    lastName,
    ownerId: user.crmUserId,
    ...(title ? { title } : {}),
    ...(phone ? { phone } : {}),
    ...(mobilePhone ? { mobilePhone } : {}),
  };
  const [result] =
    kind === 'contact'
      ? await deps.crm.createContacts([{ ...common, ...(accountId ? { accountId } : {}) }])
      : await deps.crm.createLeads([{ ...common, ...(company ? { company } : {}) }]);
  if (!result || !result.ok)
    throw new HttpError(
      502,
      'crm_error',
      `The CRM refused the ${kind}: ${result && !result.ok ? result.error : 'no answer'}.`,
    );
  // The record exists whatever happens here: a mailbox not run now is re-checked on its next scheduled run.
  const waiting = await requestPendingCheck(deps.db, [address], deps.now()).catch(() => []);
  for (const mailboxId of waiting) await mailboxChanged(deps, mailboxId).catch(() => undefined);
  return { ref: { kind, id: result.id }, created: result.created };
}
