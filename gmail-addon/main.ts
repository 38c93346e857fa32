// The Apps Script bundle's entry: esbuild wraps it in an IIFE assigned to the global `LiaisonAddon`, and
// scripts/gmail-build.js adds one top-level function per trigger and action (Apps Script only calls those).
export {
  homepage,
  messageOpen,
  eventOpen,
  refresh,
  save,
  addLinks,
  openCreateForm,
  createRecord,
  doNotSync,
  showTrace,
  saveMeeting,
  compose,
  searchCrm,
  autosaveOff,
  saveWhenSent,
} from './apps-script/handlers';
