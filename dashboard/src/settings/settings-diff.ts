import type { SyncSettings, SyncSettingsPatch } from '../api/types';

// The changes a draft makes to the saved settings: what the dry run previews and what Save sends.

export function settingsDiff(saved: SyncSettings, draft: SyncSettings): SyncSettingsPatch {
  const patch: SyncSettingsPatch = {};
  if (draft.autoshareEmails !== saved.autoshareEmails) patch.autoshareEmails = draft.autoshareEmails;
  if (draft.threadAutosave !== saved.threadAutosave) patch.threadAutosave = draft.threadAutosave;
  if (draft.linkToOpportunities !== saved.linkToOpportunities)
    patch.linkToOpportunities = draft.linkToOpportunities;
  if (draft.autoCreateContacts !== saved.autoCreateContacts)
    patch.autoCreateContacts = draft.autoCreateContacts;
  if (draft.autoshareMeetings !== saved.autoshareMeetings) patch.autoshareMeetings = draft.autoshareMeetings;
  if (draft.autoshareAppointments !== saved.autoshareAppointments)
    patch.autoshareAppointments = draft.autoshareAppointments;
  if (draft.blacklistPolicy !== saved.blacklistPolicy) patch.blacklistPolicy = draft.blacklistPolicy;
  const sharing: NonNullable<SyncSettingsPatch['sharing']> = {};
  if (draft.sharing.inbound !== saved.sharing.inbound) sharing.inbound = draft.sharing.inbound;
  if (draft.sharing.outbound !== saved.sharing.outbound) sharing.outbound = draft.sharing.outbound;
  if (Object.keys(sharing).length > 0) patch.sharing = sharing;
  return patch;
}

/** How many settings a patch changes (the Save button says it). */
export function changeCount(patch: SyncSettingsPatch): number {
  return Object.keys(patch).filter((k) => k !== 'sharing').length + Object.keys(patch.sharing ?? {}).length;
}
