import { findUserByIdBatched } from '../../../server/db/user-by-id-batches';
import type { Database } from '../../../server/db/database-types';
import { createUser, getUser, removeUser, updateUser } from '../../../server/db/users-repo';
import { countingDb } from '../../support/db/count-queries';
import { backends, truncateAll, useTestDatabase } from '../../support/db/test-databases';

// Bearer requests look their user up by id: those of one event-loop turn go as one statement, and nothing is
// remembered from one turn to the next.

describe.each(backends)('user lookups by id on %s', (backend) => {
  const t = useTestDatabase(backend);
  beforeEach(() => truncateAll(t.db));

  it('answers the lookups of one turn with one statement, each with its own user', async () => {
    await createUser(t.db, { id: 'u1', addresses: ['alice@ourco.com', 'alice.smith@ourco.com'] });
    await createUser(t.db, { id: 'u2', addresses: ['bob@ourco.com'], role: 'admin' });
    const counter = countingDb<Database>(t.db);
    await findUserByIdBatched(counter.db, 'u1'); // PGlite makes the read's function first (cached-plan.ts)
    counter.reset();
    const found = await Promise.all(
      ['u2', 'nobody', 'u1', 'u2'].map((id) => findUserByIdBatched(counter.db, id)),
    );
    expect(counter.count()).toBe(1);
    expect(found).toEqual([
      await getUser(t.db, 'u2'),
      undefined,
      await getUser(t.db, 'u1'),
      await getUser(t.db, 'u2'),
    ]);
    expect(found[0]).toMatchObject({ id: 'u2', role: 'admin', addresses: ['bob@ourco.com'] });
    expect(found[2]).toMatchObject({ id: 'u1', addresses: ['alice@ourco.com', 'alice.smith@ourco.com'] });
  });

  it('reads again on the next turn: a change or a removal shows at once', async () => {
    await createUser(t.db, { id: 'u1', addresses: ['alice@ourco.com'] });
    const counter = countingDb<Database>(t.db);
    expect((await findUserByIdBatched(counter.db, 'u1'))?.role).toBe('user');
    counter.reset();
    await updateUser(t.db, 'u1', { role: 'admin' });
    expect((await findUserByIdBatched(counter.db, 'u1'))?.role).toBe('admin');
    await removeUser(t.db, 'u1');
    expect(await findUserByIdBatched(counter.db, 'u1')).toBeUndefined();
    expect(counter.count()).toBe(2);
  });
});
