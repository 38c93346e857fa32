import type { CrmAdapter } from '../../crm/crm-adapter';
import type { EventWriter, EventWriteResult } from './event-writer';

// The calendar engine's port onto the CRM adapter's batch event calls: autoshared events show as busy and are marked
// automatic; updates and cancels pass the ledger's CRM id, which a CRM that cannot find events by key (Salesforce
// without the key field) needs, and an update its owner (the organizer's own sync takes the event over).

type Answer = { ok: true; id: string } | { ok: false; error: string };
const answer = (r: Answer): EventWriteResult =>
  r.ok ? { ok: true, id: r.id } : { ok: false, error: r.error };

export function crmEventWriter(crm: CrmAdapter): EventWriter {
  return {
    save: async (items) =>
      (await crm.saveEvents(items.map((i) => ({ ...i, showAs: 'busy', origin: 'automatic' })))).map(answer),
    update: async (items) =>
      (
        await crm.updateEvents(
          items.map(({ crmEventId, ...item }) => ({
            ...item,
            showAs: 'busy',
            id: crmEventId,
          })),
        )
      ).map(answer),
    cancel: async (items) =>
      (await crm.cancelEvents(items.map(({ crmEventId, ...item }) => ({ ...item, id: crmEventId })))).map(
        answer,
      ),
  };
}
