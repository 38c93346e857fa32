// What the dashboard's first-run guide remembers for a user: that they dismissed it, that they opened a Why? trace.
import type { Kysely } from 'kysely';
import type { Database } from './database-types';

export interface GuideMemory {
  dismissed: boolean;
  whyTried: boolean;
}

export async function getGuideMemory(db: Kysely<Database>, userId: string): Promise<GuideMemory> {
  const row = await db
    .selectFrom('user_guide')
    .select(['dismissed_at', 'why_tried_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return { dismissed: row?.dismissed_at != null, whyTried: row?.why_tried_at != null };
}

/** Marks what is given as true (never back to false: a dismissed guide stays dismissed) and returns the memory. */
export async function rememberGuide(
  db: Kysely<Database>,
  userId: string,
  marks: Partial<GuideMemory>,
): Promise<GuideMemory> {
  const now = new Date();
  const set = {
    ...(marks.dismissed ? { dismissed_at: now } : {}),
    ...(marks.whyTried ? { why_tried_at: now } : {}),
  };
  if (Object.keys(set).length > 0)
    await db
      .insertInto('user_guide')
      .values({ user_id: userId, ...set })
      // The first time counts: a later mark leaves the earlier time as it was.
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet((eb) => ({
          ...(marks.dismissed
            ? { dismissed_at: eb.fn.coalesce('user_guide.dismissed_at', eb.ref('excluded.dismissed_at')) }
            : {}),
          ...(marks.whyTried
            ? { why_tried_at: eb.fn.coalesce('user_guide.why_tried_at', eb.ref('excluded.why_tried_at')) }
            : {}),
          updated_at: now,
        })),
      )
      .execute();
  return getGuideMemory(db, userId);
}
