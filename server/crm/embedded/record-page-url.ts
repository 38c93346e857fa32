import type { RecordRef } from '../../../src';

// Where a record of the embedded CRM opens: the server's own read-only page for it (server/api/record-page-routes.ts),
// so "Open in CRM" works without Salesforce as it does with it.

export const RECORD_PAGE_PATH = '/crm/records';

export function embeddedRecordUrl(publicUrl: string): (ref: RecordRef) => string {
  const base = publicUrl.replace(/\/+$/, '');
  return (ref) => `${base}${RECORD_PAGE_PATH}/${ref.kind}/${encodeURIComponent(ref.id)}`;
}
