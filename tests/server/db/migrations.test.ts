import { sql } from 'kysely';
import { migrations } from '../../../server/db/migrations';
import { backends, useTestDatabase } from '../../support/db/test-databases';

describe.each(backends)('migrations on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('applied every migration on open, in order', () => {
    expect(t.handle.migrations.applied).toEqual(Object.keys(migrations).sort());
    expect(Object.keys(migrations)).toEqual(Object.keys(migrations).sort());
  });

  it('created the tables in the suite schema', async () => {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = current_schema()
    `.execute(t.db);
    const names = rows.map((r) => r.name);
    for (const table of [
      'organisation',
      'users',
      'saved_emails',
      'decision_log',
      'crm_contacts',
      'crm_activities',
    ]) {
      expect(names).toContain(table);
    }
  });

  it('is a no-op when run again', async () => {
    expect(await t.handle.migrate()).toEqual({ applied: [] });
    expect(await t.handle.migrate()).toEqual({ applied: [] });
  });
});
