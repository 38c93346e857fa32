import { Badge, Button, Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import { lazy, useState } from 'react';
import type { MeetingRequest } from '../../../src/api/meeting-api';
import type { MeetingView } from '../../../src/sidebar/meeting-types';
import type { PaneApi } from '../api/pane-api';
import { AutoshareLine } from './AutoshareLine';
import { shortDate } from './format';
import { LinkedRecords } from './LinkedRecords';
import { Lazy, MoreActions, Notice, RecordTabs, StatusCard, useNotice, usePartStyles } from './PaneParts';

// The pane on a meeting or appointment (event-rules.md section 6): when and where, rooms apart from people, where it
// stands (saved already, by whom; or the autosharing line with Why?), Save meeting by hand, and the two tabs.

const SaveDialog = lazy(() => import(/* webpackChunkName: "save", webpackPrefetch: true */ './SaveDialog'));

const useStyles = makeStyles({
  facts: { display: 'grid', gap: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground2 },
});

/** "Tue, Dec 8, 3:00 PM – 4:00 PM" in the rep's locale; all-day events by their dates. */
function when(view: MeetingView): string {
  const start = new Date(view.start);
  const end = new Date(view.end);
  if (Number.isNaN(start.getTime())) return '';
  const day = (d: Date) =>
    d.toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
  if (view.allDay) return `${day(start)} (all day)`;
  const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  if (Number.isNaN(end.getTime())) return `${day(start)}, ${time(start)}`;
  const sameDay = start.toDateString() === end.toDateString();
  return `${day(start)}, ${time(start)} – ${sameDay ? '' : `${day(end)}, `}${time(end)}`;
}

function SavedMeetingLine({ view }: { view: MeetingView }) {
  const saved = view.saved;
  if (!saved) return null;
  const how = saved.mode === 'automatic' ? 'Automatically' : 'By hand';
  return (
    <div data-testid="saved">
      <Text weight="semibold" block>
        {saved.cancelled ? 'Saved, marked cancelled' : 'Already saved'}
      </Text>
      <Caption1 block>
        {`${how} on ${shortDate(saved.savedAt)}; its CRM event belongs to ${saved.owner}`}
        {saved.links.length > 0 && (
          <>
            , linked to <LinkedRecords view={view} refs={saved.links} />
          </>
        )}
        .
      </Caption1>
    </div>
  );
}

export function MeetingReady({
  view,
  meeting,
  api,
  refresh,
}: {
  view: MeetingView;
  meeting: MeetingRequest;
  api: PaneApi;
  refresh(): void;
}) {
  const styles = useStyles();
  const parts = usePartStyles();
  const [saving, setSaving] = useState(false);
  const { notice, notify } = useNotice();
  const word = view.kind === 'appointment' ? 'appointment' : 'meeting';
  const manual = view.manualSave;
  // An appointment: the rep alone (rooms are not people), nobody to show or to add.
  const alone =
    view.kind === 'appointment' &&
    view.people.length === 0 &&
    view.suggestions.length === 0 &&
    view.hiddenBlacklisted === 0;
  return (
    <>
      <div className={styles.facts} data-testid="meeting-facts">
        <Caption1>
          {view.kind === 'appointment' ? 'Appointment' : 'Meeting'}
          {when(view) ? ` · ${when(view)}` : ''}
          {view.cancelled && (
            <>
              {' '}
              <Badge appearance="tint" color="danger">
                Cancelled
              </Badge>
            </>
          )}
        </Caption1>
        {/* A room booked as the location is named once, as the room. */}
        {view.location && view.location !== view.resources.join(', ') && (
          <Caption1>Location: {view.location}</Caption1>
        )}
        {view.resources.length > 0 && (
          <Caption1 data-testid="resources">
            {view.resources.length === 1 ? 'Room: ' : 'Rooms and equipment: '}
            {view.resources.join(', ')}
          </Caption1>
        )}
      </div>
      <StatusCard tone={view.alreadySaved ? 'saved' : view.autoshare.willSave ? 'will' : 'wont'}>
        <SavedMeetingLine view={view} />
        {(!view.alreadySaved || manual.allowed) && <AutoshareLine autoshare={view.autoshare} />}
        {!manual.allowed && !view.alreadySaved && (
          <Caption1 block data-testid="manual-save-why">
            {manual.why}
          </Caption1>
        )}
        <Notice notice={notice} />
      </StatusCard>
      <div className={parts.bar}>
        {manual.allowed && (
          <Button appearance="primary" onClick={() => setSaving(true)}>
            {manual.action === 'update' ? `Update the saved ${word}…` : `Save ${word}…`}
          </Button>
        )}
        <MoreActions items={[{ label: 'Refresh', onClick: refresh }]} />
      </div>
      {alone ? (
        <Caption1 as="p" data-testid="alone">
          Nobody else takes part: when saved, it goes to your own CRM calendar, linked to no one.
        </Caption1>
      ) : (
        <RecordTabs view={view} item="meeting" api={api} refresh={refresh} notify={notify} />
      )}
      {saving && (
        <Lazy>
          <SaveDialog
            subject={{ kind: 'meeting', view, meeting }}
            api={api}
            onClose={() => setSaving(false)}
            onSaved={(text) => {
              setSaving(false);
              notify('success', text);
              refresh();
            }}
          />
        </Lazy>
      )}
    </>
  );
}
