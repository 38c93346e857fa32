import type { AppDeps } from '../app/app-deps';
import { getOrganisation, updateOrganisation } from '../db/organisation-repo';
import { excludeAllFromImport, includeAgainAfterStop } from '../db/users-repo';

// The admin's switch. Stopping takes every user out of import and hides the activities autosharing imported
// (in Liaison's views and, where the CRM allows it, in the CRM: the embedded one does; Salesforce records are
// never deleted). Starting again shows them again; the admin then picks the users to import, or includes again in
// one click those who were included when it stopped (remembered only by a stop of a running autosharing, so a
// second stop never forgets them).

export async function setAutosharing(deps: Pick<AppDeps, 'db' | 'crm'>, enabled: boolean) {
  const wasEnabled = (await getOrganisation(deps.db)).autosharingEnabled;
  const usersExcluded = enabled ? 0 : await excludeAllFromImport(deps.db, { remember: wasEnabled });
  await updateOrganisation(deps.db, { autosharingEnabled: enabled });
  const activitiesChanged = deps.crm.setImportedActivitiesHidden
    ? await deps.crm.setImportedActivitiesHidden(!enabled)
    : 0;
  return { autosharingEnabled: enabled, usersExcluded, activitiesChanged };
}

/** "Include them again": only while autosharing runs, since a stop keeps everyone out of import. */
export async function includeAgainAfterRestart(deps: Pick<AppDeps, 'db'>): Promise<number | undefined> {
  if (!(await getOrganisation(deps.db)).autosharingEnabled) return undefined;
  return includeAgainAfterStop(deps.db);
}
