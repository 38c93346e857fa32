/** Local Salesforce REST emulator: test equipment for the Salesforce adapter, never a product default. */
export { start, type Emulator, type StartOptions } from './server';
export type { FaultSpec, Fault, FaultError } from './faults';
export type { RequestKind } from './counts';
export type { SfRecord } from './store';
export { makeId, normaliseId } from './ids';
