import { Field, Radio, RadioGroup, Select, Switch, makeStyles, tokens } from '@fluentui/react-components';
import type { SyncSettings } from '../api/types';
import { BLACKLIST_POLICIES, DIRECTIONS, eventSwitches, sharingLevels, SWITCHES } from './setting-texts';

// The sync settings as controls, each with its one line. Controlled: the page decides when to save.

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  levels: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  // A grid item may shrink below its select's text (a long level label ends in … instead of overflowing).
  level: { minWidth: 0 },
  select: { minWidth: 0, maxWidth: '100%' },
  selectElement: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
});

export function SyncSettingsForm({
  value,
  onChange,
  disabled,
  attachmentLimitMb,
  horizonDays,
}: {
  value: SyncSettings;
  onChange(next: SyncSettings): void;
  disabled?: boolean;
  /** The server's limit of attachment files per email at `full`, named in that level's label. */
  attachmentLimitMb: number;
  /** How many days ahead the calendar sync saves events, named in the calendar switches' lines. */
  horizonDays: number;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      {[...SWITCHES, ...eventSwitches(horizonDays)].map((s) => (
        <Field key={s.key} hint={s.hint}>
          <Switch
            label={s.label}
            checked={value[s.key]}
            disabled={disabled}
            onChange={(_, data) => onChange({ ...value, [s.key]: data.checked })}
          />
        </Field>
      ))}
      <Field
        label="When a participant is blacklisted"
        hint="Applies to your blacklist and the corporate one."
      >
        <RadioGroup
          value={value.blacklistPolicy}
          disabled={disabled}
          onChange={(_, data) =>
            onChange({ ...value, blacklistPolicy: data.value as SyncSettings['blacklistPolicy'] })
          }
        >
          {BLACKLIST_POLICIES.map((p) => (
            <Radio
              key={p.value}
              value={p.value}
              label={`${p.label}: ${p.hint.charAt(0).toLowerCase()}${p.hint.slice(1)}`}
            />
          ))}
        </RadioGroup>
      </Field>
      <div className={styles.levels}>
        {DIRECTIONS.map((d) => (
          <Field
            key={d.key}
            className={styles.level}
            label={`Sharing level: ${d.label.toLowerCase()}`}
            hint={
              value.sharing[d.key] === 'full'
                ? `${d.hint} Attachment files up to ${attachmentLimitMb} MB per email are saved with it; larger ones are named in the activity.`
                : d.hint
            }
          >
            <Select
              className={styles.select}
              select={{ className: styles.selectElement }}
              value={value.sharing[d.key]}
              disabled={disabled}
              onChange={(_, data) =>
                onChange({
                  ...value,
                  sharing: { ...value.sharing, [d.key]: data.value as SyncSettings['sharing']['inbound'] },
                })
              }
            >
              {sharingLevels(attachmentLimitMb).map((l) => (
                <option key={l.value} value={l.value}>
                  {l.label}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </div>
    </div>
  );
}
