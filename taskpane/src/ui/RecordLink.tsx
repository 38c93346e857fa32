import { Link, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';

// A record's name, linked to its page in the CRM (a new tab) when the CRM has one; otherwise the plain name.

export function RecordLink({
  name,
  url,
  plain = <Text>{name}</Text>,
}: {
  name: string;
  url?: string | undefined;
  /** What shows when the record has no page. */
  plain?: ReactNode;
}) {
  if (!url) return <>{plain}</>;
  return (
    <Link href={url} target="_blank" rel="noreferrer">
      {name}
    </Link>
  );
}
