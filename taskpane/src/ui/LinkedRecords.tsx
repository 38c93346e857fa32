import { Fragment } from 'react';
import { recordKey } from '../../../src/sidebar/record-key';
import type { PickableRecord, SidebarPerson } from '../../../src/sidebar/sidebar-types';
import type { RecordRef } from '../../../src/types';
import { recordName, recordUrlOf } from './format';
import { RecordLink } from './RecordLink';

// "Jane Doe (contact), Acme — 2026 renewal (opportunity)": the records an item is saved with, each opening in the
// CRM when the view knows its page; a record without a name reads as its kind, never its id.

export function LinkedRecords({
  view,
  refs,
}: {
  view: { names: Record<string, string>; people: SidebarPerson<string>[]; pickable: PickableRecord[] };
  refs: RecordRef[];
}) {
  return (
    <>
      {refs.map((ref, i) => {
        const full = recordName(view, ref);
        const name = view.names[recordKey(ref)];
        const linked = name !== undefined && full === `${name} (${ref.kind})`;
        return (
          <Fragment key={recordKey(ref)}>
            {i > 0 && ', '}
            {linked ? (
              <>
                <RecordLink name={name} url={recordUrlOf(view, ref)} plain={name} /> ({ref.kind})
              </>
            ) : (
              full
            )}
          </Fragment>
        );
      })}
    </>
  );
}
