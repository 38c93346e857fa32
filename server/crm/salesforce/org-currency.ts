// The currency of opportunity amounts. With multiple currencies turned on, Salesforce adds CurrencyIsoCode to every
// currency-bearing object and each opportunity carries its own; without, the org has one currency, Organization's
// DefaultCurrencyIsoCode (the field applies to single-currency orgs). Learned once per connection: Opportunity's
// describe, then the Organization row when needed; a failed look is asked again next time.
import type { SalesforceClient } from './salesforce-client';
import { text, type SfRow } from './sf-values';

export interface OrgCurrencyState {
  /** Opportunity has CurrencyIsoCode (multi-currency org): each record's own code is read with it. */
  perRecord: boolean;
  /** The single-currency org's ISO 4217 code, when it could be read. */
  orgDefault?: string;
}

export class OrgCurrency {
  private learned?: Promise<OrgCurrencyState>;

  constructor(private readonly client: SalesforceClient) {}

  state(): Promise<OrgCurrencyState> {
    this.learned ??= this.learn().catch((error: unknown) => {
      this.learned = undefined;
      throw error;
    });
    return this.learned;
  }

  private async learn(): Promise<OrgCurrencyState> {
    const d = await this.client.send<{ fields?: { name?: unknown }[] }>(
      'GET',
      `/services/data/v${this.client.version}/sobjects/Opportunity/describe`,
    );
    const perRecord = (d.fields ?? []).some(
      (f) => typeof f.name === 'string' && f.name.toLowerCase() === 'currencyisocode',
    );
    if (perRecord) return { perRecord };
    const [org] = await this.client.query<SfRow>('SELECT DefaultCurrencyIsoCode FROM Organization');
    const code = org ? text(org, 'DefaultCurrencyIsoCode') : undefined;
    return { perRecord, ...(code && /^[A-Z]{3}$/.test(code) ? { orgDefault: code } : {}) };
  }
}

/**
 * What to read amounts' currency with, when amounts are read at all (Amount visible to the integration user); an org
 * whose currency cannot be learned gives undefined, and its amounts show as plain numbers.
 */
export async function currencyForAmounts(
  currency: OrgCurrency | undefined,
  amountVisible: boolean,
): Promise<OrgCurrencyState | undefined> {
  if (!currency || !amountVisible) return undefined;
  return currency.state().catch(() => undefined);
}

/** The fields an Opportunity query adds for it: CurrencyIsoCode on a multi-currency org. */
export function currencyFields(state: OrgCurrencyState | undefined): string[] {
  return state?.perRecord ? ['CurrencyIsoCode'] : [];
}

/** An opportunity row's currency: its own on a multi-currency org, else the org's. */
export function currencyOf(row: SfRow, state: OrgCurrencyState | undefined): string | undefined {
  return state?.perRecord ? text(row, 'CurrencyIsoCode') : state?.orgDefault;
}
