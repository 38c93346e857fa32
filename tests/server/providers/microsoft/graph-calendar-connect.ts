/** A connected Graph mailbox's calendar on the emulator: a real msal sign-in, a Calendars.Read token provider. */
import {
  GRAPH_CALENDAR_SCOPES,
  GraphCalendarSource,
  graphTokenProvider,
  redeemGraphCode,
  type GraphCalendarSourceOptions,
} from '../../../../server/providers/microsoft';
import type { GraphEmulator } from '../../../emulators/graph';
import { pkcePair } from '../../../emulators/pkce';
import { authConfig, REDIRECT_URI } from './connect';

export async function connectGraphCalendar(
  emu: GraphEmulator,
  options: Partial<GraphCalendarSourceOptions> = {},
) {
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
