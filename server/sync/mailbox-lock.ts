// "Never two runs at once for one mailbox." On PostgreSQL a run takes a session advisory lock on a connection of its
// own and does all its bookkeeping (ledger, log, cursor) on that connection: the server releases the lock the moment
// the process dies (kill -9 included), and a run whose connection was lost can no longer commit anything. Several
// workers, on any number of machines, therefore never run one mailbox twice at once, and a crashed worker's mailbox
// is free again at once. PGlite is one process's own database, so an in-process set is the whole story there.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database-types';

export type Locked<T> = { acquired: true; value: T } | { acquired: false };

export interface MailboxLock {
  withLock<T>(mailboxId: string, run: (db: Kysely<Database>) => Promise<T>): Promise<Locked<T>>;
  /** Only this process's part of the lock: for reads that write no cursor (idle-sweep.ts). */
  withLocalLock<T>(mailboxId: string, run: () => Promise<T>): Promise<Locked<T>>;
}

export function createMailboxLock(db: Kysely<Database>, backend: 'pglite' | 'postgres'): MailboxLock {
  const running = new Set<string>();
  const inProcess = async <T>(id: string, run: () => Promise<T>): Promise<Locked<T>> => {
    if (running.has(id)) return { acquired: false };
    running.add(id);
    try {
      return { acquired: true, value: await run() };
    } finally {
      running.delete(id);
    }
  };
  if (backend === 'pglite')
    return { withLock: (id, run) => inProcess(id, () => run(db)), withLocalLock: inProcess };
  return {
    withLocalLock: inProcess,
    withLock: (id, run) =>
      inProcess(id, () =>
        db.connection().execute(async (conn): Promise<Locked<Awaited<ReturnType<typeof run>>>> => {
          const key = sql`hashtextextended(${`liaison.mailbox:${id}`}, 0)`;
          const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_lock(${key}) as got`.execute(
            conn,
          );
          if (!rows[0]?.got) return { acquired: false };
          try {
            return { acquired: true, value: await run(conn) };
          } finally {
            await sql`select pg_advisory_unlock(${key})`.execute(conn).catch(() => {});
          }
        }),
      ).then((r) => (r.acquired ? r.value : r)),
  };
}
