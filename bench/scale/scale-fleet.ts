// The organisation of the scale bench: N users, each with an empty Maildir connected an hour ago (its cursor already
// taken, as after the first run), due at moments spread over one sync interval, as a running system's are.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/database-types';
import { mapLimit } from '../../server/providers/map-limit';

export interface FleetMailbox {
  id: string;
  dir: string;
  address: string;
}

export async function createMaildirFleet(
  db: Kysely<Database>,
  root: string,
  count: number,
  intervalSeconds: number,
): Promise<FleetMailbox[]> {
  const fleet = Array.from({ length: count }, (_, i) => ({
    id: `mb-scale-${i}`,
    dir: path.join(root, `m${i}`),
    address: `scale${i}@ourco.com`,
  }));
  await mapLimit(fleet, 64, async (m) => {
    await Promise.all(['new', 'cur', 'tmp'].map((sub) => mkdir(path.join(m.dir, sub), { recursive: true })));
  });
  const connectedAt = new Date(Date.now() - 3_600_000);
  const cursor = {
    connectedAt: connectedAt.toISOString(),
    folders: { INBOX: { floor: connectedAt.getTime() - 1000, seen: {} } },
  };
  for (let i = 0; i < count; i += 2000) {
    const part = fleet.slice(i, i + 2000);
    const userIds = part.map((m) => `u-${m.id}`);
    await sql`insert into users (id, role, crm_user_id, included_in_import)
              select unnest(${userIds}::text[]), 'user', 'usr-admin', true`.execute(db);
    await sql`insert into user_addresses (address, user_id, is_primary, position)
              select unnest(${part.map((m) => m.address)}::text[]), unnest(${userIds}::text[]), true, 0`.execute(
      db,
    );
    await sql`insert into mailboxes (id, user_id, kind, settings, cursor, connected_at, next_sync_at)
              select t.id, t.user_id, 'maildir', jsonb_build_object('dir', t.dir), ${JSON.stringify(cursor)}::jsonb,
                     ${connectedAt}, now() + random() * make_interval(secs => ${intervalSeconds})
                from unnest(${part.map((m) => m.id)}::text[], ${userIds}::text[], ${part.map((m) => m.dir)}::text[])
                  as t(id, user_id, dir)`.execute(db);
  }
  return fleet;
}
