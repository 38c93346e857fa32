/** A connected Graph mailbox's calendar on the emulator: a real msal sign-in, a Calendars.Read token provider. */
import {
  GRAPH_CALENDAR_SCOPES,
  GraphCalendarSource,
  graphTokenProvider,
  redeemGraphCode,
  type GraphCalendarSourceOptions,
} from '../../../../server/providers/microsoft';
import type { CalendarBatch, CalendarChange, CalendarCursor } from '../../../../server/providers/calendar-source';
import type { GraphEmulator } from '../../../emulators/graph';
import { pkcePair } from '../../../emulators/pkce';
import { authConfig, REDIRECT_URI } from './connect';

export async function connectGraphCalendar(emu: GraphEmulator, options: Partial<GraphCalendarSourceOptions> = {}) {
  const config = authConfig(emu);
  const { verifier, challenge } = pkcePair();
  const code = emu.oauth.issueCode(REDIRECT_URI, { challenge, method: 'S256' });
  const grant = await redeemGraphCode(config, code, verifier);
  const tokens = graphTokenProvider(config, grant, undefined, GRAPH_CALENDAR_SCOPES);
  const sleeps: number[] = [];
  const source = new GraphCalendarSource({
    tokens,
    baseUrl: emu.url,
    // The tests' connection time, so the window does not move with the real clock unless a test moves it.
    now: () => new Date('2026-12-01T00:00:00Z'),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { source, grant, config, sleeps };
}

/** Every change until the source has nothing more right away. */
export async function drainCalendar(
  source: { changes(c: CalendarCursor, o?: { limit?: number }): Promise<CalendarBatch> },
  from: CalendarCursor,
  limit = 500,
) {
  let cursor = from;
  const changes: CalendarChange[] = [];
  let calls = 0;
  for (; calls < 100; ) {
    const batch = await source.changes(cursor, { limit });
    calls++;
    changes.push(...batch.changes);
    cursor = batch.cursor;
    if (!batch.more) return { changes, cursor, calls };
  }
  throw new Error('the source never finished');
}
