// The dashboard's pages and its hash routes (`#/settings`, `#/mailbox?connected=graph`). Hash routing keeps every
// page on the server's one `/` route, including where OAuth callbacks send the browser back (`/#/mailbox…`).

export type PageId =
  | 'settings'
  | 'blacklist'
  | 'threads'
  | 'activity'
  | 'mailbox'
  | 'admin'
  | 'admin/users'
  | 'admin/organisation';

export interface PageInfo {
  id: PageId;
  title: string;
  /** One line under the title: what the page is for. */
  summary: string;
  adminOnly: boolean;
}

export const PAGES: readonly PageInfo[] = [
  {
    id: 'settings',
    title: 'Sync settings',
    summary: 'Choose what Liaison saves to the CRM from your mailbox, and preview the effect first.',
    adminOnly: false,
  },
  {
    id: 'blacklist',
    title: 'Blacklist',
    summary: 'Addresses and domains whose emails are never saved to the CRM.',
    adminOnly: false,
  },
  {
    id: 'threads',
    title: 'Thread auto-save',
    summary: 'Threads whose next emails are saved automatically, and to which record.',
    adminOnly: false,
  },
  {
    id: 'activity',
    title: 'Activity',
    summary: 'What auto-sharing did with your emails and meetings, newest first, and why.',
    adminOnly: false,
  },
  {
    id: 'mailbox',
    title: 'My mailbox',
    summary: 'The mailbox Liaison reads for you, its status and its last sync.',
    adminOnly: false,
  },
  {
    id: 'admin',
    title: 'Smart autosharing',
    summary: 'Start or stop autosharing for the whole organisation, and connect the CRM.',
    adminOnly: true,
  },
  {
    id: 'admin/users',
    title: 'Users',
    summary:
      'Who is imported, whether their mailbox and calendar are read, and what to do when they are not.',
    adminOnly: true,
  },
  {
    id: 'admin/organisation',
    title: 'Organisation',
    summary: 'Internal domains, the corporate blacklist, defaults for new users and what the sidebars show.',
    adminOnly: true,
  },
];

export const DEFAULT_PAGE: PageId = 'settings';

export interface Route {
  page: PageInfo;
  /** Parameters after `?` in the hash. */
  params: URLSearchParams;
  /** True when the hash named no known page and the default was chosen. */
  unknown: boolean;
}

/** `#/admin/users?x=1` → the Users page with x=1; anything unknown → the default page. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const id = path.replace(/\/+$/, '');
  const found = PAGES.find((p) => p.id === id);
  const fallback = PAGES.find((p) => p.id === DEFAULT_PAGE) as PageInfo;
  return { page: found ?? fallback, params: new URLSearchParams(query), unknown: !found && id !== '' };
}

export const hrefOf = (id: PageId): string => `#/${id}`;
