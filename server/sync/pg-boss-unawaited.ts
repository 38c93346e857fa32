// pg-boss 10 (the last release for Node 20) sends a job's `complete` or `fail` without awaiting it
// (timgit/pg-boss#577): when the database is gone at that moment (a PostgreSQL restart) the rejection is unhandled
// and Node ends the process, so a restart stopped every sync worker. Each such promise gets a handler here; callers
// that await it still see the error. The job is then left to expire, and the worker's reconcile pass puts the
// mailbox's wake-up back in the meantime.
import { createRequire } from 'node:module';

type Method = (this: unknown, ...args: unknown[]) => Promise<unknown>;

const listeners = new Set<(error: unknown) => void>();
let installed = false;

/** Makes pg-boss's job bookkeeping report its failures to `onError` instead of ending the process. */
export function catchUnawaitedJobUpdates(onError: (error: unknown) => void): () => void {
  if (!installed) {
    installed = true;
    // pg-boss keeps its Manager private; its prototype is where `complete` and `fail` live.
    const manager = createRequire(__filename)('pg-boss/src/manager') as { prototype: Record<string, Method> };
    for (const name of ['complete', 'fail']) {
      const original = manager.prototype[name]!;
      manager.prototype[name] = function (this: unknown, ...args: unknown[]) {
        const update = original.apply(this, args);
        update.catch((error: unknown) => {
          for (const listener of listeners) listener(error);
        });
        return update;
      };
    }
  }
  listeners.add(onError);
  return () => listeners.delete(onError);
}
