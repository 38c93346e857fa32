import type { AppDeps } from '../app/app-deps';
import { updateOrganisation } from '../db/organisation-repo';
import { excludeAllFromImport } from '../db/users-repo';

// The admin's switch. Stopping takes every user out of import and hides the activities autosharing imported
// (in Liaison's views and, where the CRM allows it, in the CRM: the embedded one does; Salesforce records are
// never deleted). Starting again shows them again; the admin then picks the users to import.

export async function setAutosharing(deps: Pick<AppDeps, 'db' | 'crm'>, enabled: boolean) {
  const usersExcluded = enabled ? 0 : await excludeAllFromImport(deps.db);
  await updateOrganisation(deps.db, { autosharingEnabled: enabled });
  const activitiesChanged = deps.crm.setImportedActivitiesHidden
    ? await deps.crm.setImportedActivitiesHidden(!enabled)
    : 0;
  return { autosharingEnabled: enabled, usersExcluded, activitiesChanged };
}
