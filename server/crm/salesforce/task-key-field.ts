// Task mode keeps one Task per email through a custom field on Task holding the Message-ID: unique (a second write
// answers DUPLICATE_VALUE) and an External ID (indexed, so the Message-ID lookups after a timeout are cheap). An org
// without it, or whose integration user cannot see it, answers INVALID_FIELD to every write and query naming it.
// Liaison then saves without it: its saved-email ledger (which the sync engine and the manual save consult first)
// still keeps each email to one save, but a save retried after a timeout may leave a second Task. What the org has
// is learned from Task's describe, once per connection: when Salesforce first refuses the field, or when the admin's
// status page asks.
import { SalesforceRequestError } from './salesforce-errors';
import type { SalesforceClient } from './salesforce-client';

export interface TaskKeyState {
  /** The field exists on Task and the integration user can see it. */
  present: boolean;
  unique: boolean;
  externalId: boolean;
  caseSensitive: boolean;
}

interface DescribeField {
  name?: unknown;
  unique?: unknown;
  externalId?: unknown;
  caseSensitive?: unknown;
}

export class TaskKeyField {
  private described?: Promise<TaskKeyState>;
  private missing = false;

  constructor(
    private readonly client: SalesforceClient,
    readonly name: string,
  ) {}

  /** The field to write and query; undefined once Task's describe showed it is not there. */
  get field(): string | undefined {
    return this.missing ? undefined : this.name;
  }

  /** Task's describe (one call per connection; a failed one is asked again next time). */
  state(): Promise<TaskKeyState> {
    this.described ??= this.describe().catch((error: unknown) => {
      this.described = undefined;
      throw error;
    });
    return this.described;
  }

  /**
   * Salesforce answered INVALID_FIELD to something naming Task: true when the describe shows the field missing (from
   * now on it is left out), false when it is there (the refusal was about something else).
   */
  async refused(): Promise<boolean> {
    if (this.missing) return true;
    return !(await this.state()).present;
  }

  /** Runs `read`; when Salesforce refuses the field because Task lacks it, answers `fallback` instead. */
  async orWithout<T>(read: (field: string) => Promise<T>, fallback: T): Promise<T> {
    const field = this.field;
    if (!field) return fallback;
    try {
      return await read(field);
    } catch (error) {
      if (isInvalidField(error) && (await this.refused())) return fallback;
      throw error;
    }
  }

  /** For the admin's CRM status: what to create on Task for retry-safety, or undefined when all is in place. */
  async advice(): Promise<string | undefined> {
    const s = await this.state();
    const create =
      `create on Task a custom field ${this.name} of type Text(255), Unique (case-insensitive) and External ID, ` +
      'readable and editable by the integration user (field-level security)';
    if (!s.present) {
      return (
        `Salesforce's Task has no field ${this.name} that Liaison's integration user can see. Liaison saves each ` +
        'email once through its own ledger, but a save retried after a timeout may leave a second task. For ' +
        `retry-safety, ${create}.`
      );
    }
    if (!s.unique || !s.externalId || s.caseSensitive) {
      return (
        `Task's field ${this.name} is not a case-insensitive Unique External ID, so Salesforce cannot refuse a ` +
        `second task for the same email. For retry-safety, ${create}.`
      );
    }
    return undefined;
  }

  private async describe(): Promise<TaskKeyState> {
    const d = await this.client.send<{ fields?: DescribeField[] }>(
      'GET',
      `/services/data/v${this.client.version}/sobjects/Task/describe`,
    );
    const wanted = this.name.toLowerCase();
    const f = (d.fields ?? []).find((x) => typeof x.name === 'string' && x.name.toLowerCase() === wanted);
    this.missing = !f;
    return {
      present: !!f,
      unique: f?.unique === true,
      externalId: f?.externalId === true,
      caseSensitive: f?.caseSensitive === true,
    };
  }
}

/** Salesforce's answer to an unknown (or invisible) field: `INVALID_FIELD`, "No such column …". */
export function isInvalidField(error: unknown): boolean {
  return error instanceof SalesforceRequestError && error.code === 'INVALID_FIELD';
}
