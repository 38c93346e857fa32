import {
  Avatar,
  Badge,
  Caption1,
  makeStyles,
  Text,
  tokens,
  type AvatarProps,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { RecordRef } from '../../../src/types';
import { RecordLink } from './RecordLink';

// A record's header as a list in a CRM reads it: the initials in the kind's colour, the name (its page in the CRM,
// in a new tab), the kind, then title and company on one line.

const KIND: Record<RecordRef['kind'], { label: string; color: AvatarProps['color']; square: boolean }> = {
  contact: { label: 'Contact', color: 'brand', square: false },
  lead: { label: 'Lead', color: 'marigold', square: false },
  account: { label: 'Account', color: 'steel', square: true },
  opportunity: { label: 'Opportunity', color: 'seafoam', square: true },
};

const useStyles = makeStyles({
  header: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  top: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'center',
    flexWrap: 'wrap',
    minWidth: 0,
  },
  name: { margin: 0, overflowWrap: 'anywhere' },
  sub: {
    display: 'block',
    color: tokens.colorNeutralForeground2,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

export function RecordHeader({
  kind,
  name,
  url,
  sub,
  size = 32,
  heading = true,
  badges,
}: {
  kind: RecordRef['kind'];
  name: string;
  url?: string | undefined;
  /** Title and company, or what else says who this is, on one line. */
  sub?: string | undefined;
  size?: 20 | 24 | 32;
  /** A person's card is titled by their name (h3); an account inside it is not a heading. */
  heading?: boolean;
  badges?: ReactNode;
}) {
  const styles = useStyles();
  const k = KIND[kind];
  return (
    <div className={styles.header}>
      {/* The name is read next to it: the initials are decoration. */}
      <Avatar
        name={name}
        color={k.color}
        size={size}
        shape={k.square ? 'square' : 'circular'}
        aria-hidden="true"
      />
      <div>
        <div className={styles.top}>
          <Text
            as={heading ? 'h3' : 'span'}
            weight="semibold"
            size={heading ? 400 : 300}
            className={styles.name}
          >
            <RecordLink name={name} url={url} plain={name} />
          </Text>
          {heading && (
            <Badge appearance="tint" size="small" color={kind === 'lead' ? 'warning' : 'brand'}>
              {k.label}
            </Badge>
          )}
          {badges}
        </div>
        {sub && (
          <Caption1 className={styles.sub} title={sub}>
            {sub}
          </Caption1>
        )}
      </div>
    </div>
  );
}
