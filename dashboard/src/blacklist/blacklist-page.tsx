import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { api, segment } from '../api/client';
import type { BlacklistAddResponse, BlacklistResponse } from '../api/types';
import { useLoad } from '../api/use-load';
import { Section } from '../ui/section';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { BlacklistEditor } from './blacklist-editor';

// The user's blacklist ("Do Not Sync") with the organisation's corporate list read-only beside it.

const useStyles = makeStyles({
  columns: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
    '@media (max-width: 1000px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function BlacklistPage() {
  const styles = useStyles();
  const loaded = useLoad<BlacklistResponse>('/api/blacklist');
  if (loaded.loading && !loaded.data) return <Loading label="Loading your blacklist…" />;
  if (loaded.error || !loaded.data)
    return <ErrorState error={loaded.error ?? new Error('No blacklist.')} retry={loaded.reload} />;
  const { mine, corporate } = loaded.data;
  return (
    <div className={styles.columns}>
      <Section
        title="My blacklist"
        hint="Emails with these participants are not saved by auto-sharing, following your blacklist setting."
      >
        <BlacklistEditor
          entries={mine}
          label="Add addresses or domains"
          onAdd={async (text) => {
            const r = await api<BlacklistAddResponse>('POST', '/api/blacklist', { entries: text });
            return { added: r.added, errors: r.errors, entries: r.mine };
          }}
          onRemove={async (entry) =>
            (await api<BlacklistResponse>('DELETE', `/api/blacklist/${segment(entry)}`)).mine
          }
        />
      </Section>
      <Section title="Corporate blacklist" hint="Set by your admins for everyone; shown here read-only.">
        {corporate.length === 0 ? (
          <EmptyState title="No corporate entries" />
        ) : (
          <ul className={styles.list} aria-label="Corporate blacklist">
            {corporate.map((entry) => (
              <li key={entry}>
                <Text>{entry}</Text>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
