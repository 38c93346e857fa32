// Salesforce ids carry their object in the key prefix; Message-IDs are kept in one canonical form.
import { createHash } from 'node:crypto';
import { normalizeMessageId, type RecordRef } from '../../../src';

const KIND_BY_PREFIX: Record<string, RecordRef['kind']> = {
  '003': 'contact',
  '00Q': 'lead',
  '001': 'account',
  '006': 'opportunity',
};

export const OBJECT_BY_KIND: Record<RecordRef['kind'], string> = {
  contact: 'Contact',
  lead: 'Lead',
  account: 'Account',
  opportunity: 'Opportunity',
};

export function refOf(id: string | undefined): RecordRef | undefined {
  const kind = id ? KIND_BY_PREFIX[id.slice(0, 3)] : undefined;
  return kind && id ? { kind, id } : undefined;
}

/** Salesforce text fields hold 255 characters; longer Message-IDs are kept as a digest. */
const MAX_KEY = 255;

/** `<id>` as written to Task's external id and EmailMessage.MessageIdentifier; '' for no Message-ID. */
export function messageKey(messageId: string): string {
  const id = normalizeMessageId(messageId);
  if (!id) return '';
  const key = `<${id}>`;
  return key.length <= MAX_KEY ? key : `<sha256:${createHash('sha256').update(id).digest('hex')}>`;
}
