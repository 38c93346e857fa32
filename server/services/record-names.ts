// Records' names for a page, in one CRM call, keyed by `recordKey` ("contact:003…"), so people read "Jane Doe"
// rather than an id. A CRM that cannot answer now costs the names, not the page: the ids are shown instead.
import { recordKey, type RecordRef } from '../../src';
import type { CrmAdapter } from '../crm/crm-adapter';

export async function recordNames(
  crm: Pick<CrmAdapter, 'getRecordDetails'>,
  refs: Iterable<RecordRef>,
): Promise<Record<string, string>> {
  const unique = new Map<string, RecordRef>();
  for (const ref of refs) unique.set(recordKey(ref), ref);
  if (unique.size === 0) return {};
  try {
    const details = await crm.getRecordDetails([...unique.values()]);
    return Object.fromEntries(Object.entries(details).map(([key, d]) => [key, d.name]));
  } catch {
    return {};
  }
}
