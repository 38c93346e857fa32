/**
 * Fault injection: a fault fires on the Nth matching call, at a seeded rate, or on every call, and
 * answers the way Salesforce does for that error.
 */
import { isApiKind, type RequestKind } from './counts';
import { SalesforceError, type RecordError } from './errors';

/**
 * `INVALID_SESSION_ID` 401, `REQUEST_LIMIT_EXCEEDED` 403, 503 `SERVER_UNAVAILABLE`, `timeout`
 * (the response is held past the client's timeout, then the socket is dropped), or any other
 * Salesforce status code (`UNABLE_TO_LOCK_ROW`, `DUPLICATE_VALUE`…): on sObject Collections that
 * one is a per-record error, elsewhere a 400. On the token endpoint `invalid_grant` is an OAuth error.
 */
export type FaultError =
  'INVALID_SESSION_ID' | 'REQUEST_LIMIT_EXCEEDED' | 'UNABLE_TO_LOCK_ROW' | 503 | 'timeout' | string;

export interface FaultSpec {
  /** Which requests it applies to; by default every API request (not the OAuth endpoints). */
  kind?: RequestKind | RequestKind[];
  /** Fire on the Nth matching call (1-based, counted from when the fault was added), once. */
  onCall?: number;
  /** Fire with this probability per matching call, drawn from a PRNG seeded with `seed`. */
  rate?: number;
  seed?: number;
  /** Stop after this many firings (default: 1 with onCall, unlimited otherwise). */
  times?: number;
  error: FaultError;
  /** timeout: how long the response is held before the socket is dropped (default 10 s). */
  holdMs?: number;
  /** timeout: whether the request still takes effect, as a write that timed out may have (default true). */
  commit?: boolean;
  /** Per-record errors on collections: which record indexes fail (default: all of them). */
  recordIndexes?: number[];
  /** OAuth errors: the error_description (default "expired access/refresh token" for invalid_grant). */
  description?: string;
}

export interface Fault {
  readonly spec: FaultSpec;
  /** Matching calls seen. */
  calls: number;
  fired: number;
  remove(): void;
}

/** mulberry32: small, fast and the same on every machine, so a seeded run repeats exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Entry extends Fault {
  random: () => number;
}

export class Faults {
  private entries: Entry[] = [];

  add(spec: FaultSpec): Fault {
    if (spec.rate !== undefined && (spec.rate < 0 || spec.rate > 1))
      throw new Error('fault rate must be within 0..1');
    const entry: Entry = {
      spec,
      calls: 0,
      fired: 0,
      random: prng(spec.seed ?? 1),
      remove: () => {
        this.entries = this.entries.filter((e) => e !== entry);
      },
    };
    this.entries.push(entry);
    return entry;
  }

  clear(): void {
    this.entries = [];
  }

  /** Counts the call against every matching fault; returns the first one that fires. */
  next(kind: RequestKind): Fault | undefined {
    let hit: Entry | undefined;
    for (const e of this.entries) {
      const kinds = e.spec.kind === undefined ? undefined : ([] as RequestKind[]).concat(e.spec.kind);
      if (kinds ? !kinds.includes(kind) : !isApiKind(kind)) continue;
      e.calls++;
      const limit = e.spec.times ?? (e.spec.onCall !== undefined ? 1 : Infinity);
      if (e.fired >= limit) continue;
      const fires =
        e.spec.onCall !== undefined
          ? e.calls >= e.spec.onCall
          : e.spec.rate !== undefined
            ? e.random() < e.spec.rate
            : true;
      if (fires && !hit) {
        e.fired++;
        hit = e;
      }
    }
    return hit;
  }
}

/** The request-level error a fault stands for. */
export function faultError(error: FaultError): SalesforceError {
  if (error === 503)
    return new SalesforceError(
      503,
      'SERVER_UNAVAILABLE',
      'Server Unavailable: the service is temporarily unavailable',
    );
  if (error === 'INVALID_SESSION_ID')
    return new SalesforceError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  if (error === 'REQUEST_LIMIT_EXCEEDED')
    return new SalesforceError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
  return new SalesforceError(400, String(error), recordErrorMessage(String(error)), []);
}

export function recordError(code: string): RecordError {
  return { statusCode: code, message: recordErrorMessage(code), fields: [] };
}

function recordErrorMessage(code: string): string {
  switch (code) {
    case 'UNABLE_TO_LOCK_ROW':
      return 'unable to obtain exclusive access to this record or 1 records';
    case 'REQUIRED_FIELD_MISSING':
      return 'Required fields are missing: []';
    case 'DUPLICATE_VALUE':
      return 'duplicate value found: <unknown> duplicates value on record with id: <unknown>';
    default:
      return `${code} (injected by the emulator)`;
  }
}
