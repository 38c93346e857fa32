import type { Organisation } from '../db/organisation-repo';
import type { User } from '../db/users-repo';

// Each user's status as the admin sees it: Active, or Inactive with why and what to do about it.

export interface UserStatusView {
  status: 'Active' | 'Inactive';
  reason?: string;
  whatToDo?: string;
  lastSyncAt: string | null;
  lastError: string | null;
}

export function userStatus(user: User, organisation: Organisation): UserStatusView {
  const base = { lastSyncAt: user.lastSyncAt, lastError: user.lastError };
  if (!organisation.autosharingEnabled) {
    return {
      ...base,
      status: 'Inactive',
      reason: 'Autosharing is stopped for the organisation.',
      whatToDo: 'Enable Smart autosharing on the Admin page.',
    };
  }
  if (!user.includedInImport) {
    return {
      ...base,
      status: 'Inactive',
      reason: 'Not included in import.',
      whatToDo: 'Add the user under Users for import.',
    };
  }
  if (!user.connectedAt) {
    return {
      ...base,
      status: 'Inactive',
      reason: 'Mailbox not connected.',
      whatToDo: 'Ask the user to connect their mailbox on the My mailbox page.',
    };
  }
  // Connected, nothing recorded yet (no run, no error): the first sync is on its way, nothing has failed.
  if (user.status === 'inactive' && !user.statusDetails && !user.lastError && !user.lastSyncAt) {
    return {
      ...base,
      status: 'Inactive',
      reason: 'Mailbox connected; the first sync has not run yet.',
      whatToDo: 'Nothing: it runs within a minute while Smart autosharing is on.',
    };
  }
  if (user.status === 'inactive') {
    return {
      ...base,
      status: 'Inactive',
      reason: user.statusDetails ?? 'The last sync failed.',
      whatToDo:
        'Ask the user to reconnect their mailbox; Liaison retries on its own meanwhile (1, 2, 4 … 30 minutes).',
    };
  }
  return { ...base, status: 'Active' };
}
