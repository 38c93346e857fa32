import type { Organisation } from '../db/organisation-repo';
import type { User } from '../db/users-repo';

// Each user's status as the admin sees it: Active, or Inactive with why and what to do about it. "What to do" names
// the control that fixes it, as the dashboard labels it (the page, then the button or switch).

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
      whatToDo: user.includedBeforeStop
        ? 'Press "Enable Smart autosharing" on the Smart autosharing page, then "Include again…" there (it includes everyone who was included before the stop).'
        : 'Press "Enable Smart autosharing" on the Smart autosharing page, then turn on the Import switch beside them on the Users page.',
    };
  }
  if (!user.includedInImport) {
    return {
      ...base,
      status: 'Inactive',
      reason: 'Not included in import.',
      whatToDo: user.includedBeforeStop
        ? 'Turn on the Import switch beside them on the Users page, or press "Include again…" on the Smart autosharing page (it includes everyone who was included before the stop).'
        : 'Turn on the Import switch beside them on the Users page (it reads "Left out" now).',
    };
  }
  if (!user.connectedAt) {
    return {
      ...base,
      status: 'Inactive',
      reason: 'Mailbox not connected.',
      whatToDo:
        'Ask them to connect their mailbox on their My mailbox page; "Sign-in link" beside them on the Users page gives them a way in.',
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
        'Ask them to connect their mailbox again on their My mailbox page; Liaison retries on its own meanwhile (1, 2, 4 … 30 minutes).',
    };
  }
  return { ...base, status: 'Active' };
}
