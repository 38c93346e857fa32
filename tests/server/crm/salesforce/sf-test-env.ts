/** The Salesforce adapter wired to the local emulator, with back-off that costs no time. */
import { start, type Emulator, type StartOptions } from '../../../emulators/salesforce';
import { SalesforceCrmAdapter, type SalesforceAdapterOptions } from '../../../../server/crm/salesforce';

export const noSleep = jest.fn(async (_ms: number) => undefined);

export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  return start(options);
}

export function adapterFor(emu: Emulator, options: SalesforceAdapterOptions = {}): SalesforceCrmAdapter {
  const session = emu.session();
  return new SalesforceCrmAdapter(
    {
      loginUrl: emu.url,
      instanceUrl: session.instanceUrl,
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
      redirectUri: 'http://127.0.0.1/callback',
      refreshToken: session.refreshToken,
      accessToken: session.accessToken,
    },
    {
      // The emulator's Lead has no Title, its Opportunity no Amount.
      hiddenFields: ['Lead.Title', 'Opportunity.Amount'],
      sleep: noSleep,
      ...options,
    },
  );
}

export const iso = (s: string) => new Date(s).toISOString();
