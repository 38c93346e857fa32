/**
 * The calendarSource slot of the Microsoft and Google providers: built from a stored mailbox's grant and the
 * engine's source options, as the sync engine will, each reads its calendar (emulated) from the connection on; and
 * without the provider's OAuth client configured it fails with `auth`, as the mail source does.
 */
import { startGmailEmulator, type GmailEmulator } from '../../emulators/gmail';
import { startGraphEmulator, type GraphEmulator } from '../../emulators/graph';
import type { Mailbox } from '../../../server/db/mailboxes-repo';
import { providerNamed } from '../../../server/providers/registry';
import { redeemGmailCode } from '../../../server/providers/google';
import { redeemGraphCode } from '../../../server/providers/microsoft';
import { pkcePair } from '../../emulators/pkce';
import { drainCalendar } from './drain-calendar';
import { authConfig as graphAuth, REDIRECT_URI as GRAPH_REDIRECT } from './microsoft/connect';
import { authConfig as gmailAuth, REDIRECT_URI as GMAIL_REDIRECT } from './google/connect';

const mailbox = { id: 'mbx-1' } as unknown as Mailbox;
const inDays = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString().replace('.000Z', 'Z');
};

let graph: GraphEmulator | undefined;
let gmail: GmailEmulator | undefined;
afterEach(async () => {
  await graph?.stop();
  await gmail?.stop();
  graph = gmail = undefined;
});

it('Microsoft 365: calendarSource reads the calendar with the stored grant', async () => {
  graph = await startGraphEmulator();
  graph.calendar.add({ subject: 'Demo', start: inDays(2, 9), end: inDays(2, 10) });
  const { verifier, challenge } = pkcePair();
  const grant = await redeemGraphCode(
    graphAuth(graph),
    graph.oauth.issueCode(GRAPH_REDIRECT, { challenge, method: 'S256' }),
    verifier,
  );
  const microsoft = providerNamed('microsoft');
  const source = await microsoft.calendarSource!({
    mailbox,
    secret: () => ({ ...grant }),
    options: { graph: { ...graphAuth(graph), baseUrl: graph.url } },
  });
  const { changes } = await drainCalendar(source, await source.initialCursor(new Date(), 30));
  expect(changes.map((c) => (c.kind === 'event' ? c.event.subject : c.kind))).toEqual(['Demo']);
  await expect(
    Promise.resolve().then(() => microsoft.calendarSource!({ mailbox, secret: () => ({}), options: {} })),
  ).rejects.toMatchObject({ kind: 'auth' });
});

it('Google: calendarSource reads the calendar with the stored grant', async () => {
  gmail = await startGmailEmulator();
  gmail.calendar.add({ summary: 'Demo', start: inDays(2, 9), end: inDays(2, 10) });
  const { verifier, challenge } = pkcePair();
  const grant = await redeemGmailCode(
    gmailAuth(gmail),
    gmail.oauth.issueCode(GMAIL_REDIRECT, { challenge, method: 'S256' }),
    verifier,
  );
  const google = providerNamed('google');
  const source = await google.calendarSource!({
    mailbox,
    secret: () => ({ ...grant }),
    options: { gmail: { ...gmailAuth(gmail), rootUrl: gmail.rootUrl } },
  });
  const { changes } = await drainCalendar(source, await source.initialCursor(new Date(), 30));
  expect(changes.map((c) => (c.kind === 'event' ? c.event.subject : c.kind))).toEqual(['Demo']);
  await expect(
    Promise.resolve().then(() => google.calendarSource!({ mailbox, secret: () => ({}), options: {} })),
  ).rejects.toMatchObject({ kind: 'auth' });
});
