import type { ActionName } from '../card-model/card-types';

// The top-level functions Code.js defines (scripts/gmail-build.js writes one per entry, plus the three triggers
// named in appsscript.json). Apps Script calls actions by these names.

export const FUNCTION_NAMES: Record<ActionName, string> = {
  refresh: 'liaisonRefresh',
  save: 'liaisonSave',
  addLinks: 'liaisonAddLinks',
  openCreateForm: 'liaisonOpenCreateForm',
  createRecord: 'liaisonCreateRecord',
  doNotSync: 'liaisonDoNotSync',
  showTrace: 'liaisonShowTrace',
  saveMeeting: 'liaisonSaveMeeting',
  searchCrm: 'liaisonSearchCrm',
  autosaveOff: 'liaisonAutosaveOff',
  saveWhenSent: 'liaisonSaveWhenSent',
};

export const TRIGGER_NAMES = {
  homepage: 'liaisonHomepage',
  messageOpen: 'liaisonMessageOpen',
  eventOpen: 'liaisonEventOpen',
  compose: 'liaisonCompose',
} as const;
