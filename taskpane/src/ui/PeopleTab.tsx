import { Badge, Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { SidebarPerson } from '../../../src/sidebar/sidebar-types';
import { amount, shortDate } from './format';
import { RecordLink } from './RecordLink';

// Contacts & Leads: each known person in the email (or meeting) with their account, its open opportunities and their
// recent activities.

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM },
  person: {
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: { margin: 0 },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  sub: { display: 'block', color: tokens.colorNeutralForeground2 },
  section: { marginTop: tokens.spacingVerticalS },
  items: { margin: `${tokens.spacingVerticalXXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  empty: { color: tokens.colorNeutralForeground2 },
  files: { display: 'block', margin: 0, color: tokens.colorNeutralForeground2 },
});

/** Where a person stands: an email's field, or a meeting's role. */
const FIELD: Record<string, string> = {
  from: 'From',
  to: 'To',
  cc: 'Cc',
  bcc: 'Bcc',
  organizer: 'Organizer',
  required: 'Attendee',
  optional: 'Optional attendee',
};

function Person({ person }: { person: SidebarPerson<string> }) {
  const styles = useStyles();
  const account = person.account;
  return (
    <li className={styles.person} data-testid="person" data-address={person.address}>
      <div className={styles.head}>
        <Text weight="semibold" as="h3" size={400} className={styles.title}>
          <RecordLink name={person.name} url={person.url} plain={person.name} />
        </Text>
        <Badge appearance="tint" color={person.ref.kind === 'lead' ? 'warning' : 'brand'}>
          {person.ref.kind === 'lead' ? 'Lead' : 'Contact'}
        </Badge>
        {person.deleted && (
          <Badge appearance="tint" color="danger">
            Deleted in the CRM
          </Badge>
        )}
      </div>
      <Caption1 className={styles.sub}>
        {FIELD[person.field] ?? person.field}: {person.address}
        {person.title ? ` · ${person.title}` : ''}
      </Caption1>
      {account && (
        <div className={styles.section}>
          <Text>
            Account:{' '}
            <RecordLink
              name={account.name}
              url={account.url}
              plain={<Text weight="semibold">{account.name}</Text>}
            />
          </Text>
          {account.opportunities.length > 0 ? (
            <ul className={styles.items} aria-label={`Open opportunities at ${account.name}`}>
              {account.opportunities.map((o) => (
                <li key={o.ref.id}>
                  <RecordLink name={o.name} url={o.url} />
                  <Caption1 className={styles.sub}>
                    {[
                      o.stage,
                      o.amount !== undefined && amount(o.amount),
                      o.closeDate && `closes ${shortDate(o.closeDate)}`,
                      o.mine && 'yours',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Caption1>
                </li>
              ))}
            </ul>
          ) : (
            <Caption1 className={styles.sub}>No open opportunities.</Caption1>
          )}
        </div>
      )}
      <div className={styles.section}>
        <Text weight="semibold" size={200}>
          Recent activity
        </Text>
        {person.recentActivities.length > 0 ? (
          <ul className={styles.items} aria-label={`Recent activity with ${person.name}`}>
            {person.recentActivities.map((a) => (
              <li key={a.id}>
                <Caption1>
                  {shortDate(a.date)} · {a.type}: {a.subject}
                  {a.ownerName ? ` (${a.ownerName})` : ''}
                </Caption1>
                {a.files && a.files.length > 0 && (
                  <Caption1 as="p" className={styles.files}>
                    Files: {a.files.join(', ')}
                  </Caption1>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <Caption1 className={styles.sub}>None yet.</Caption1>
        )}
      </div>
    </li>
  );
}

export function PeopleTab({
  view,
  item = 'email',
}: {
  view: { people: SidebarPerson<string>[] };
  item?: 'email' | 'meeting';
}) {
  const styles = useStyles();
  if (view.people.length === 0)
    return (
      <Text className={styles.empty} as="p">
        Nobody in this {item} is in the CRM yet. Look in New records to create a contact or lead.
      </Text>
    );
  return (
    <ul className={styles.list} aria-label={`Contacts and leads in this ${item}`}>
      {view.people.map((p) => (
        <Person key={`${p.ref.kind}:${p.ref.id}:${p.field}`} person={p} />
      ))}
    </ul>
  );
}
