/** A calendar source read until it has nothing more right away (the engine's loop, without the engine). */
import type {
  CalendarBatch,
  CalendarChange,
  CalendarCursor,
} from '../../../server/providers/calendar-source';

/** Every change until the source has nothing more right away. */
export async function drainCalendar(
  source: { changes(c: CalendarCursor, o?: { limit?: number }): Promise<CalendarBatch> },
  from: CalendarCursor,
  limit = 500,
) {
  let cursor = from;
  const changes: CalendarChange[] = [];
  let calls = 0;
  for (; calls < 100;) {
    const batch = await source.changes(cursor, { limit });
    calls++;
    changes.push(...batch.changes);
    cursor = batch.cursor;
    if (!batch.more) return { changes, cursor, calls };
  }
  throw new Error('the source never finished');
}
