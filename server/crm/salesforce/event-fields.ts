// Event's two custom fields, both optional on the org: the key (a unique, case-insensitive External ID text field:
// a second write of one key answers DUPLICATE_VALUE, and events are found by key) and the state (text:
// `<sequence>:<fingerprint>` as last written, what rule 6 compares). What the org has is learned from Event's
// describe, once per connection, before the first event call. Without the key field Salesforce cannot find an event
// by key: findEventsByKeys answers nothing and Liaison's ledger (with the CRM ids) is what knows; without the state
// field the fingerprint and sequence come from the ledger alone.
import type { SalesforceClient } from './salesforce-client';

export interface EventFieldState {
  /** The key field's name when the org has it (and the integration user can see it). */
  key?: string;
  /** Whether it is unique and case-insensitive (retry-safe). */
  keyUnique: boolean;
  state?: string;
}

interface DescribeField {
  name?: unknown;
  unique?: unknown;
  caseSensitive?: unknown;
}

export class EventFields {
  private described?: Promise<EventFieldState>;

  constructor(
    private readonly client: SalesforceClient,
    readonly keyName: string,
    readonly stateName: string,
  ) {}

  /** Event's describe (one call per connection; a failed one is asked again next time). */
  state(): Promise<EventFieldState> {
    this.described ??= this.describe().catch((error: unknown) => {
      this.described = undefined;
      throw error;
    });
    return this.described;
  }

  /** For the admin's CRM status: what to create on Event, or undefined when all is in place. */
  async advice(): Promise<string | undefined> {
    const s = await this.state();
    if (s.key && s.keyUnique && s.state) return undefined;
    return (
      `For meetings, create on Event a text field ${this.keyName} (255, Unique case-insensitive, External ID) and a ` +
      `text field ${this.stateName} (255), readable and editable by the integration user. Without them Liaison ` +
      'keeps each meeting to one event through its own ledger only.'
    );
  }

  private async describe(): Promise<EventFieldState> {
    const d = await this.client.send<{ fields?: DescribeField[] }>(
      'GET',
      `/services/data/v${this.client.version}/sobjects/Event/describe`,
    );
    const find = (name: string) =>
      (d.fields ?? []).find((x) => typeof x.name === 'string' && x.name.toLowerCase() === name.toLowerCase());
    const key = find(this.keyName);
    const state = find(this.stateName);
    return {
      ...(key ? { key: String(key.name) } : {}),
      keyUnique: key?.unique === true && key.caseSensitive !== true,
      ...(state ? { state: String(state.name) } : {}),
    };
  }
}

/** `<sequence>:<fingerprint>` as kept in the state field. */
export function formatEventState(sequence: number, fingerprint: string): string {
  return `${sequence}:${fingerprint}`.slice(0, 255);
}

export function parseEventState(value: unknown): { sequence: number; fingerprint: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(-?\d+):(.*)$/s.exec(value);
  return m ? { sequence: Number(m[1]), fingerprint: m[2] ?? '' } : undefined;
}
