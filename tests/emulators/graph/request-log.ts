/**
 * Request counting and fault injection shared by the Graph and Gmail emulators (test equipment only).
 * Every request is logged with its kind, status and arrival time, so tests can read waits from the
 * emulator's own timestamps instead of timing themselves.
 */

export interface LoggedRequest {
  kind: string;
  method: string;
  path: string;
  status?: number;
  /** Arrival time, ms since the epoch. */
  at: number;
  /** True for a request that arrived inside a batch. */
  batched?: boolean;
  /** True for a request the emulator sent (Graph's validation handshakes and change notifications). */
  outgoing?: boolean;
  headers: Record<string, string>;
}

export class RequestLog {
  readonly entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): LoggedRequest {
    this.entries.push(entry);
    return entry;
  }

  /** HTTP requests by kind (requests inside a batch are counted under `batched`, sent ones under `outgoing`). */
  snapshot(): {
    byKind: Record<string, number>;
    batched: Record<string, number>;
    outgoing: Record<string, number>;
    total: number;
  } {
    const byKind: Record<string, number> = {};
    const batched: Record<string, number> = {};
    const outgoing: Record<string, number> = {};
    let total = 0;
    for (const e of this.entries) {
      if (e.outgoing) {
        outgoing[e.kind] = (outgoing[e.kind] ?? 0) + 1;
        continue;
      }
      const into = e.batched ? batched : byKind;
      into[e.kind] = (into[e.kind] ?? 0) + 1;
      if (!e.batched) total++;
    }
    return { byKind, batched, outgoing, total };
  }

  of(kind: string): LoggedRequest[] {
    return this.entries.filter((e) => e.kind === kind);
  }

  reset(): void {
    this.entries.length = 0;
  }
}

export interface FaultSpec {
  /** Request kinds it applies to (default: every API kind, not OAuth). */
  kind?: string | string[];
  /** Fires once on the Nth matching request counted from `add`. */
  onCall?: number;
  /** Fires with this probability from a PRNG seeded by `seed`. */
  rate?: number;
  seed?: number;
  /** Most firings (default: 1 with onCall, unlimited otherwise). */
  times?: number;
  /** HTTP status to answer: 401, 403, 404, 410, 429, 500, 503 … */
  status: number;
  /** Provider error code (`syncStateNotFound`, `rateLimitExceeded`, `invalid_grant` …). */
  code?: string;
  message?: string;
  /** Seconds for the Retry-After header. */
  retryAfter?: number;
  /** Close the connection without an answer instead (a dropped connection; `status` is then only logged). */
  drop?: boolean;
}

/** Thrown by a route whose fault drops the connection: the HTTP handler destroys the socket, answering nothing. */
export class DroppedConnection extends Error {
  constructor() {
    super('connection dropped (injected fault)');
  }
}

/** The error a fired fault throws: the provider's error, or a dropped connection. */
export function faultThrow<E extends Error>(
  fault: FaultSpec,
  providerError: (f: FaultSpec) => E,
): E | DroppedConnection {
  return fault.drop ? new DroppedConnection() : providerError(fault);
}

interface ActiveFault {
  spec: FaultSpec;
  seen: number;
  fired: number;
  random: () => number;
}

/** mulberry32: a small seeded PRNG, so a rate-based fault fires on the same calls every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private active: ActiveFault[] = [];

  constructor(private readonly oauthKinds: readonly string[]) {}

  add(spec: FaultSpec): void {
    this.active.push({ spec, seen: 0, fired: 0, random: seeded(spec.seed ?? 1) });
  }

  clear(): void {
    this.active = [];
  }

  /** The fault for this request, if one fires. */
  next(kind: string): FaultSpec | undefined {
    for (const f of this.active) {
      const kinds = f.spec.kind === undefined ? undefined : [f.spec.kind].flat();
      const matches = kinds ? kinds.includes(kind) : !this.oauthKinds.includes(kind);
      if (!matches) continue;
      f.seen++;
      const cap = f.spec.times ?? (f.spec.onCall !== undefined ? 1 : Infinity);
      if (f.fired >= cap) continue;
      const fires =
        f.spec.onCall !== undefined
          ? f.seen >= f.spec.onCall
          : f.spec.rate !== undefined
            ? f.random() < f.spec.rate
            : true;
      if (fires) {
        f.fired++;
        return f.spec;
      }
    }
    return undefined;
  }
}
