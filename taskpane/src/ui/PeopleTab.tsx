import { Badge, Caption1, Caption1Strong, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { SidebarOpportunity, SidebarPerson } from '../../../src/sidebar/sidebar-types';
import { money, shortDate } from './format';
import { RecordHeader } from './RecordHeader';
import { RecordLink } from './RecordLink';

// Contacts & Leads: each known person in the email (or meeting) with their account, its open opportunities and their
// recent activities.

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  person: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
  },
  where: { margin: 0, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  section: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  label: { color: tokens.colorNeutralForeground3, textTransform: 'uppercase', letterSpacing: '0.04em' },
  opps: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalXXS },
  opp: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  oppName: { overflowWrap: 'anywhere' },
  oppAmount: { textAlign: 'end', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  oppMeta: {
    gridColumn: '1 / -1',
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'center',
    flexWrap: 'wrap',
    color: tokens.colorNeutralForeground2,
  },
  items: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
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

function Opportunity({ opportunity: o }: { opportunity: SidebarOpportunity }) {
  const styles = useStyles();
  const meta = [o.stage, o.closeDate && `closes ${shortDate(o.closeDate)}`].filter(Boolean).join(' · ');
  return (
    <li className={styles.opp}>
      <Text className={styles.oppName}>
        <RecordLink name={o.name} url={o.url} />
      </Text>
      {o.amount !== undefined ? (
        <Text weight="semibold" className={styles.oppAmount}>
          {money(o.amount, o.currency)}
        </Text>
      ) : (
        <span />
      )}
      {(meta || o.mine) && (
        <Caption1 className={styles.oppMeta}>
          {meta}
          {o.mine && (
            <Badge appearance="tint" color="success" size="small">
              Yours
            </Badge>
          )}
        </Caption1>
      )}
    </li>
  );
}

function Person({ person }: { person: SidebarPerson<string> }) {
  const styles = useStyles();
  const account = person.account;
  return (
    <li className={styles.person} data-testid="person" data-address={person.address}>
      <div>
        <RecordHeader
          kind={person.ref.kind}
          name={person.name}
          url={person.url}
          sub={[person.title, account?.name].filter(Boolean).join(' · ') || undefined}
          badges={
            person.deleted && (
              <Badge appearance="tint" color="danger" size="small">
                Deleted in the CRM
              </Badge>
            )
          }
        />
        <Caption1 as="p" className={styles.where}>
          {FIELD[person.field] ?? person.field}: {person.address}
        </Caption1>
      </div>
      {account && (
        <div className={styles.section}>
          <RecordHeader kind="account" name={account.name} url={account.url} size={20} heading={false} />
          {account.opportunities.length > 0 ? (
            <ul className={styles.opps} aria-label={`Open opportunities at ${account.name}`}>
              {account.opportunities.map((o) => (
                <Opportunity key={o.ref.id} opportunity={o} />
              ))}
            </ul>
          ) : (
            <Caption1 className={styles.empty}>No open opportunities.</Caption1>
          )}
        </div>
      )}
      <div className={styles.section}>
        <Caption1Strong className={styles.label}>Recent activity</Caption1Strong>
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
          <Caption1 className={styles.empty}>None yet.</Caption1>
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
