import type { SidebarView } from '../../src';
import type { PrefillField } from '../../src/sidebar/details-prefill';
import { FIELDS, type CardModel, type Widget } from './card-types';

// The smaller cards: the homepage, the trace behind the autosharing line, the create-record form, and the message
// shown when the server cannot answer.

export function homeCard(): CardModel {
  return {
    name: 'home',
    header: { title: 'Liaison' },
    sections: [
      {
        widgets: [
          {
            kind: 'text',
            // The homepage shows in Gmail and in Calendar alike (addOns.common.homepageTrigger).
            text:
              'Open an email or a Calendar event to see its people in the CRM, save it, or add the people not in ' +
              'the CRM yet as contacts and leads.',
          },
        ],
      },
    ],
  };
}

export function traceCard(view: SidebarView): CardModel {
  return {
    name: 'trace',
    header: { title: 'Why', subtitle: view.subject || '(no subject)' },
    sections: [
      { widgets: [{ kind: 'text', text: view.autoshare.line }] },
      {
        header: 'How the rules read this email',
        widgets: view.autoshare.trace.map((line, i) => ({
          kind: 'text',
          text: `${i + 1}. ${line}`,
        })),
      },
    ],
  };
}

export interface CreateFormInput {
  kind: 'contact' | 'lead';
  email: string;
  /** The name the email shows for the address, for reading their details (issue 19). */
  displayName?: string;
  firstName: string;
  lastName: string;
  company: string;
  title?: string;
  phone?: string;
  mobilePhone?: string;
  accountId?: string;
  /** Where each value read from their emails came from, shown under its input. */
  sources?: Partial<Record<PrefillField, string>>;
  /** Why no signature was read, or why nothing could be read. */
  note?: string;
}

function field(name: string, label: string, value: string, hint: string | undefined): Widget {
  return { kind: 'input', name, label, value, ...(hint ? { hint } : {}) };
}

export function createRecordCard(input: CreateFormInput): CardModel {
  const what = input.kind === 'contact' ? 'contact' : 'lead';
  return {
    name: 'create-record',
    header: { title: `New ${what}`, subtitle: input.email },
    sections: [
      {
        widgets: [
          ...(input.note ? [{ kind: 'text' as const, text: input.note }] : []),
          field(FIELDS.firstName, 'First name', input.firstName, input.sources?.firstName),
          field(FIELDS.lastName, 'Last name', input.lastName, input.sources?.lastName),
          field(FIELDS.title, 'Title', input.title ?? '', input.sources?.title),
          field(FIELDS.phone, 'Phone', input.phone ?? '', input.sources?.phone),
          field(FIELDS.mobilePhone, 'Mobile', input.mobilePhone ?? '', input.sources?.mobilePhone),
          field(FIELDS.company, 'Company', input.company, input.sources?.company),
        ],
      },
    ],
    footer: {
      text: `Create ${what}`,
      filled: true,
      action: {
        name: 'createRecord',
        parameters: {
          kind: input.kind,
          email: input.email,
          ...(input.accountId ? { accountId: input.accountId } : {}),
        },
      },
    },
  };
}

/** A server answer that is not the expected one, as the add-on reports it. */
export interface ApiFailure {
  status: number;
  error: string;
  message: string;
  /** What could not be loaded, when it was a Calendar event rather than an email. */
  item?: 'meeting';
}

export function failureText(failure: ApiFailure): string {
  if (failure.error === 'unreachable') return `Liaison's server could not be reached (${failure.message}).`;
  if (failure.status === 401) return `Liaison did not accept your Google sign-in: ${failure.message}`;
  return failure.message || `Liaison's server answered ${failure.status} (${failure.error}).`;
}

export function messageCard(title: string, failure: ApiFailure): CardModel {
  return {
    name: 'message',
    header: { title: 'Liaison', subtitle: title },
    sections: [
      {
        widgets: [
          { kind: 'text', text: failureText(failure) },
          { kind: 'buttons', buttons: [{ text: 'Try again', action: { name: 'refresh' } }] },
        ],
      },
    ],
  };
}
