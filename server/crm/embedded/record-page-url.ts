import type { RecordRef } from '../../../src';

// Where a record of the embedded CRM opens: the server's own read-only page for it (server/api/record-page-routes.ts),
// so "Open in CRM" works without Salesforce as it does with it.

export const RECORD_PAGE_PATH = '/crm/records';

/** `publicUrl` is read at each use: the server's public URL may change while it runs. */
export function embeddedRecordUrl(publicUrl: () => string): (ref: RecordRef) => string {
  return (ref) =>
    `${publicUrl().replace(/\/+$/, '')}${RECORD_PAGE_PATH}/${ref.kind}/${encodeURIComponent(ref.id)}`;
}
