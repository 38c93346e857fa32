import type { Organisation } from '../api/types';

// What the Smart autosharing page says about the switch: "On" in green only when some mailbox is actually read;
// otherwise the badge says what is missing and the sentence says what to do.

export interface AutosharingState {
  badge: string;
  color: 'success' | 'warning';
  text: string;
  /** Users "Include again…" would bring back (0: the button is not offered). */
  includeAgain: number;
}

const users = (n: number) => (n === 1 ? '1 user' : `${n} users`);

export function autosharingState(
  organisation: Pick<Organisation, 'autosharingEnabled' | 'usersImport'>,
): AutosharingState {
  const { included, readable, includedBeforeStop } = organisation.usersImport;
  if (!organisation.autosharingEnabled)
    return {
      badge: 'Stopped',
      color: 'warning' as const,
      text: 'No mailbox is read for autosharing; imported activity is hidden.',
      includeAgain: 0,
    };
  if (included === 0)
    return {
      badge: 'On, no user included',
      color: 'warning' as const,
      text:
        includedBeforeStop > 0
          ? `No user is included in import, so no mailbox is read. ${users(includedBeforeStop)} ${includedBeforeStop === 1 ? 'was' : 'were'} included before autosharing was stopped.`
          : 'No user is included in import, so no mailbox is read. Include users on the Users page.',
      includeAgain: includedBeforeStop,
    };
  if (readable === 0)
    return {
      badge: 'On, no mailbox connected',
      color: 'warning' as const,
      text: `${users(included)} ${included === 1 ? 'is' : 'are'} included, but none has connected a mailbox yet, so no mailbox is read: ask them to connect it on their My mailbox page.`,
      includeAgain: includedBeforeStop,
    };
  return {
    badge: 'On',
    color: 'success' as const,
    text: `The mailboxes of ${users(readable)} are read at each sync and their emails with known contacts and leads saved.`,
    includeAgain: includedBeforeStop,
  };
}

export const includeAgainLabel = (n: number) =>
  `Include again the ${n === 1 ? 'user' : `${n} users`} included before the stop`;
