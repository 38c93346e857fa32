/** Every request the emulator served, counted by kind, and split into reads and writes. */

export type RequestKind =
  | 'token'
  | 'revoke'
  | 'authorize'
  | 'identity'
  | 'versions'
  | 'query'
  | 'queryAll'
  | 'queryMore'
  | 'search'
  | 'retrieve'
  | 'describe'
  | 'create'
  | 'update'
  | 'upsert'
  | 'delete'
  | 'collections'
  | 'limits'
  | 'unknown';

const WRITES = new Set<RequestKind>(['create', 'update', 'upsert', 'delete', 'collections']);
/** OAuth endpoints and the versions list do not count against the org's API allowance. */
const NOT_API = new Set<RequestKind>(['token', 'revoke', 'authorize', 'versions']);

export interface LoggedRequest {
  kind: RequestKind;
  method: string;
  path: string;
  status?: number;
}

export class Counts {
  byKind: Partial<Record<RequestKind, number>> = {};
  total = 0;
  reads = 0;
  writes = 0;
  /** Requests that count as Salesforce API calls (everything but OAuth and the versions list). */
  api = 0;
  log: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.byKind[entry.kind] = (this.byKind[entry.kind] ?? 0) + 1;
    this.total++;
    if (!NOT_API.has(entry.kind)) {
      this.api++;
      if (WRITES.has(entry.kind)) this.writes++;
      else this.reads++;
    }
    this.log.push(entry);
  }

  of(kind: RequestKind): number {
    return this.byKind[kind] ?? 0;
  }

  reset(): void {
    this.byKind = {};
    this.total = this.reads = this.writes = this.api = 0;
    this.log = [];
  }

  snapshot(): {
    byKind: Partial<Record<RequestKind, number>>;
    total: number;
    reads: number;
    writes: number;
    api: number;
  } {
    return {
      byKind: { ...this.byKind },
      total: this.total,
      reads: this.reads,
      writes: this.writes,
      api: this.api,
    };
  }
}

export function isApiKind(kind: RequestKind): boolean {
  return !NOT_API.has(kind);
}
