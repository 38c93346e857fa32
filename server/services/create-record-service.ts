import { isPlainAddrSpec, normalizeAddress, type RecordRef } from '../../src';
import type { CreateRecordRequest } from '../../src/api/sidebar-api';
import type { AppDeps } from '../app/app-deps';
import { badRequest, HttpError } from '../app/http-error';
import type { User } from '../db/users-repo';

// Creating a contact or lead from a sidebar's New records suggestion (both sidebars: /api/records and the Gmail
// add-on's HTTP runtime), owned by the rep in the CRM.

export async function createRecord(
  deps: Pick<AppDeps, 'crm'>,
  user: User,
  request: CreateRecordRequest & { firstName: string },
): Promise<{ ref: RecordRef; created: boolean }> {
  const { kind, email, firstName, lastName, company, title, accountId } = request;
  const address = normalizeAddress(email);
  if (!isPlainAddrSpec(address)) throw badRequest(`"${email}" is not a valid email address.`);
  const common = {
    email: address,
    firstName,
    lastName,
    ownerId: user.crmUserId,
    ...(title ? { title } : {}),
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
  return { ref: { kind, id: result.id }, created: result.created };
}
