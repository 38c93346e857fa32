export { startGraphEmulator, type GraphEmulator, type GraphEmulatorOptions } from './server';
export type { FaultSpec, LoggedRequest } from './request-log';
export type { StoredMessage, NewMessage } from './store';
