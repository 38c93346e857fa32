export { startGmailEmulator, type GmailEmulator, type GmailEmulatorOptions } from './server';
export type { FaultSpec, LoggedRequest } from '../graph/request-log';
export type { StoredGmailMessage, NewGmailMessage } from './store';
